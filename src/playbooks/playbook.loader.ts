import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { projectRoot } from '../common/project-root';
import { parse as parseYaml } from 'yaml';
import { type Playbook, PlaybookSchema } from './playbook.schema';

export class PlaybookFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'PlaybookFileError';
  }
}

/** One playbook file, validated; the error names the file and each field that is wrong. */
export function parsePlaybook(text: string, file: string): Playbook {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new PlaybookFileError(file, `not YAML: ${(error as Error).message}`);
  }
  const parsed = PlaybookSchema.safeParse(doc);
  if (!parsed.success) {
    throw new PlaybookFileError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}

/**
 * Every `*.yaml` (or `.yml`) in the folders, in order: a later folder's playbook with the same id replaces an
 * earlier one's (the built-in playbooks/, then `playbooks.dir` from the config).
 */
export function loadPlaybooks(dirs: readonly string[]): Playbook[] {
  const byId = new Map<string, Playbook>();
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new PlaybookFileError(dir, 'no such folder');
    for (const name of readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort()) {
      const file = join(dir, name);
      const playbook = parsePlaybook(readFileSync(file, 'utf8'), file);
      if (playbook.id !== basename(name).replace(/\.ya?ml$/, '')) {
        throw new PlaybookFileError(file, `id "${playbook.id}" differs from the file's name`);
      }
      byId.set(playbook.id, playbook);
    }
  }
  return [...byId.values()];
}

/** The built-in playbooks (playbooks/), then the config's folder, which replaces or adds by id. */
export function playbookDirs(config: { playbooks: { dir?: string } }): string[] {
  return [join(projectRoot(), 'playbooks'), ...(config.playbooks.dir ? [resolve(config.playbooks.dir)] : [])];
}
