import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CANONICAL_TARGETS, type CanonicalTarget } from '../canonical';
import {
  compileMapping,
  FieldCompileError,
  runMapping,
  type Node,
  type UnknownValueEvent,
} from './mapping.compiler';
import { MappingDefinitionError, MappingOutputError } from './mapping.error';
import { type MappingFile, MappingFileSchema } from './mapping.schema';
import { type PayloadSource, payloadPathProblems } from './payload-paths';
import { unknownTargetFields } from './schema-fields';

interface CompiledMapping {
  name: string;
  file: string;
  target: CanonicalTarget;
  node: Node;
  doc: MappingFile;
}

export interface MappingRegistryOptions {
  /** Folders read in order; a later folder's `<vendor>/<resource>.yaml` replaces an earlier one's. */
  dirs: string[];
  onUnknown?: (event: UnknownValueEvent) => void;
  /** `phones.defaultRegion`: how the `phone` transform reads numbers written without their country. */
  phoneRegion?: string;
  /**
   * The payload schema each mapping reads, keyed "shipbob/order" (the connector definitions'
   * `payloads`). Given, every path of every mapping must exist in its schema, every mapping must
   * have one and every schema a mapping: a typo stops boot instead of reading nothing.
   */
  payloads?: Readonly<Record<string, PayloadSource>>;
}

/**
 * Loads and compiles every mapping once (at boot). A broken file throws MappingDefinitionError
 * naming the file and the field; nothing is compiled lazily on a request.
 */
export class MappingRegistry {
  private readonly mappings = new Map<string, CompiledMapping>();
  private readonly unknownCounts = new Map<string, number>();
  private readonly onUnknown?: (event: UnknownValueEvent) => void;
  private readonly phoneRegion?: string;

  constructor(options: MappingRegistryOptions) {
    this.onUnknown = options.onUnknown;
    this.phoneRegion = options.phoneRegion;
    const files = new Map<string, string>();
    for (const dir of options.dirs) {
      if (!existsSync(dir))
        throw new MappingDefinitionError(dir, undefined, 'mappings folder does not exist');
      for (const file of listYaml(dir))
        files.set(
          relative(dir, file)
            .replace(/\\/g, '/')
            .replace(/\.ya?ml$/, ''),
          file,
        );
    }
    for (const [name, file] of files) this.mappings.set(name, this.compileFile(name, file));
    if (options.payloads) this.checkPayloads(options.payloads);
  }

  /** "shopify/order" style names of every loaded mapping. */
  names(): string[] {
    return [...this.mappings.keys()].sort();
  }

  has(vendor: string, resource: string): boolean {
    return this.mappings.has(`${vendor}/${resource}`);
  }

  /** Counts of vendor values that no table knew, keyed "mapping field=value". */
  unknownValues(): Record<string, number> {
    return Object.fromEntries(this.unknownCounts);
  }

  /**
   * Maps one vendor payload and validates the canonical result.
   * @throws MappingOutputError when the result breaks the canonical schema (a vendor shape we did not expect).
   */
  async map<T = unknown>(
    vendor: string,
    resource: string,
    payload: unknown,
    ctx: Record<string, unknown> = {},
  ): Promise<T> {
    const mapping = this.mappings.get(`${vendor}/${resource}`);
    if (!mapping) throw new Error(`no mapping ${vendor}/${resource}`);
    const out = await runMapping(mapping.node, payload, ctx);
    const parsed = CANONICAL_TARGETS[mapping.target].safeParse(out);
    if (!parsed.success) {
      throw new MappingOutputError(
        mapping.name,
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return parsed.data as T;
  }

  private compileFile(name: string, file: string): CompiledMapping {
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new MappingDefinitionError(file, undefined, `not valid YAML: ${(e as Error).message}`);
    }
    const parsed = MappingFileSchema.safeParse(doc);
    if (!parsed.success) {
      const issue = deepestIssue(parsed.error.issues[0]);
      throw new MappingDefinitionError(file, issue.path.join('.') || undefined, issue.message);
    }
    const target = parsed.data.target;
    if (!(target in CANONICAL_TARGETS)) {
      throw new MappingDefinitionError(
        file,
        'target',
        `"${target}" is not one of ${Object.keys(CANONICAL_TARGETS).join(', ')}`,
      );
    }
    const schema = CANONICAL_TARGETS[target as CanonicalTarget];
    const strays = unknownTargetFields(parsed.data.fields, schema);
    if (strays.length) {
      throw new MappingDefinitionError(file, strays[0], `not a field of the canonical ${target}`);
    }
    try {
      const node = compileMapping(parsed.data, {
        name,
        onUnknown: (e) => this.countUnknown(e),
        phoneRegion: this.phoneRegion,
      });
      return { name, file, target: target as CanonicalTarget, node, doc: parsed.data };
    } catch (e) {
      if (e instanceof FieldCompileError) throw new MappingDefinitionError(file, e.field, e.message);
      throw e;
    }
  }

  private checkPayloads(payloads: Readonly<Record<string, PayloadSource>>): void {
    for (const [name, { file, doc }] of this.mappings) {
      const source = payloads[name];
      if (!source) {
        throw new MappingDefinitionError(
          file,
          undefined,
          `no connector returns "${name}" records (known: ${Object.keys(payloads).sort().join(', ')})`,
        );
      }
      const [first] = payloadPathProblems(doc, source, name);
      if (first) throw new MappingDefinitionError(file, first.field, first.message);
    }
    const unmapped = Object.keys(payloads).filter((name) => !this.mappings.has(name));
    if (unmapped.length) {
      throw new MappingDefinitionError(
        unmapped.map((n) => `mappings/${n}.yaml`).join(', '),
        undefined,
        'a connector returns these records but no mapping reads them',
      );
    }
  }

  private countUnknown(event: UnknownValueEvent): void {
    const key = `${event.mapping} ${event.field}=${event.value}`;
    this.unknownCounts.set(key, (this.unknownCounts.get(key) ?? 0) + 1);
    this.onUnknown?.(event);
  }
}

interface Issue {
  path: PropertyKey[];
  message: string;
  code?: string;
  errors?: Issue[][];
}

/** A union's "Invalid input" says nothing; the branch that got furthest says what is wrong. */
function deepestIssue(issue: Issue): { path: PropertyKey[]; message: string } {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return issue;
  let best: { path: PropertyKey[]; message: string } = issue;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const candidate = deepestIssue(inner);
      const full = { path: [...issue.path, ...candidate.path], message: candidate.message };
      if (full.path.length > best.path.length) best = full;
    }
  }
  return best;
}

function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listYaml(full));
    else if (/\.ya?ml$/.test(entry)) out.push(full);
  }
  return out;
}
