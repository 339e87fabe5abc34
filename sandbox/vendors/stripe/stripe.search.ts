/**
 * Stripe's Search Query Language, as much as the sandbox serves: clauses `field:value`,
 * `metadata['key']:'value'`, `field~'sub'` (substring, 3+ characters), `field>n` `<` `>=` `<=`,
 * a leading `-` to negate, up to 10 clauses joined by spaces/AND or by OR (not both). String
 * values are quoted ('…' or "…", backslash escapes); exact matches ignore case.
 * https://docs.stripe.com/search#search-query-language
 */
export type Operator = ':' | '~' | '>' | '<' | '>=' | '<=';

export interface Clause {
  negate: boolean;
  /** "email", "amount", or "metadata" with `metadataKey`. */
  field: string;
  metadataKey?: string;
  op: Operator;
  value: string | number | null;
}

export interface SearchQuery {
  join: 'AND' | 'OR';
  clauses: Clause[];
}

export class SearchQueryError extends Error {}

const MAX_CLAUSES = 10;

export function parseSearchQuery(query: string): SearchQuery {
  const p = new Parser(query);
  const clauses: Clause[] = [];
  const joins = new Set<'AND' | 'OR'>();
  p.skipSpace();
  for (;;) {
    clauses.push(p.clause());
    if (clauses.length > MAX_CLAUSES)
      throw new SearchQueryError(`a query takes at most ${MAX_CLAUSES} clauses`);
    const spaced = p.skipSpace();
    if (p.done()) break;
    const word = p.keyword();
    if (word) {
      joins.add(word);
      if (!p.skipSpace()) throw p.error('expected a space after ' + word);
    } else if (spaced) joins.add('AND');
    else throw p.error('expected a space, AND or OR between clauses');
  }
  if (joins.size > 1) throw new SearchQueryError('AND and OR cannot be combined in one query');
  return { join: joins.has('OR') ? 'OR' : 'AND', clauses };
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  error(message: string): SearchQueryError {
    return new SearchQueryError(`${message} at position ${this.i} in "${this.s}"`);
  }

  skipSpace(): boolean {
    const start = this.i;
    while (this.s[this.i] === ' ') this.i++;
    return this.i > start;
  }

  keyword(): 'AND' | 'OR' | undefined {
    const m = /^(AND|OR)(?= )/i.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[1].length;
    return m[1].toUpperCase() as 'AND' | 'OR';
  }

  clause(): Clause {
    const negate = this.s[this.i] === '-';
    if (negate) this.i++;
    const field = /^[a-z_][a-z0-9_.]*/.exec(this.s.slice(this.i))?.[0];
    if (!field) throw this.error('expected a field');
    this.i += field.length;
    let metadataKey: string | undefined;
    if (field === 'metadata') {
      if (this.s[this.i] !== '[') throw this.error("metadata needs a key: metadata['key']");
      this.i++;
      metadataKey = this.quoted();
      if (this.s[this.i] !== ']') throw this.error('expected ]');
      this.i++;
    }
    const op = /^(>=|<=|:|~|>|<)/.exec(this.s.slice(this.i))?.[0] as Operator | undefined;
    if (!op) throw this.error('expected an operator (: ~ > < >= <=)');
    this.i += op.length;
    return { negate, field, metadataKey, op, value: this.value() };
  }

  private value(): string | number | null {
    const c = this.s[this.i];
    if (c === "'" || c === '"') return this.quoted();
    const bare = /^[^\s]+/.exec(this.s.slice(this.i))?.[0] ?? '';
    this.i += bare.length;
    if (bare === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(bare)) return Number(bare);
    throw this.error('string values must be quoted');
  }

  private quoted(): string {
    const q = this.s[this.i];
    if (q !== "'" && q !== '"') throw this.error('expected a quoted string');
    let out = '';
    for (this.i++; this.i < this.s.length; this.i++) {
      const c = this.s[this.i];
      if (c === '\\' && this.i + 1 < this.s.length) out += this.s[++this.i];
      else if (c === q) {
        this.i++;
        return out;
      } else out += c;
    }
    throw this.error('unterminated string');
  }
}

/** How a resource exposes a search field: a string field, a number, or metadata. */
export type FieldKind = 'string' | 'number' | 'substring' | 'metadata';

export function matches(
  object: Record<string, unknown>,
  query: SearchQuery,
  fields: Readonly<Record<string, FieldKind>>,
): boolean {
  const test = (c: Clause) => clauseMatches(object, c, fields) !== c.negate;
  return query.join === 'OR' ? query.clauses.some(test) : query.clauses.every(test);
}

/** The first field or operator the resource does not support, if any. */
export function checkFields(
  query: SearchQuery,
  fields: Readonly<Record<string, FieldKind>>,
  resource: string,
): SearchQueryError | undefined {
  for (const c of query.clauses) {
    const kind = fields[c.field];
    if (!kind) return new SearchQueryError(`"${c.field}" is not a search field of ${resource}`);
    const numeric = c.op !== ':' && c.op !== '~';
    if (numeric && kind !== 'number') return new SearchQueryError(`"${c.field}" takes no ${c.op}`);
    if (c.op === '~' && (kind !== 'substring' || typeof c.value !== 'string' || c.value.length < 3)) {
      return new SearchQueryError(`"${c.field}" takes no ~, or the value is shorter than 3 characters`);
    }
  }
  return undefined;
}

function clauseMatches(o: Record<string, unknown>, c: Clause, fields: Record<string, FieldKind>): boolean {
  const actual =
    fields[c.field] === 'metadata'
      ? (o.metadata as Record<string, string> | undefined)?.[c.metadataKey ?? '']
      : o[c.field];
  if (c.value === null) return actual == null;
  if (actual == null) return false;
  if (c.op === ':') return String(actual).toLowerCase() === String(c.value).toLowerCase();
  if (c.op === '~') return String(actual).toLowerCase().includes(String(c.value).toLowerCase());
  const a = Number(actual);
  const v = Number(c.value);
  return c.op === '>' ? a > v : c.op === '<' ? a < v : c.op === '>=' ? a >= v : a <= v;
}
