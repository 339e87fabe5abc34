/** Which database the hub's tables live in, as `database.url` says (database.options.ts). */
export type DatabaseKind = 'sqlite' | 'postgres';

/** The column type for an instant: with time zone on PostgreSQL; SQLite keeps UTC text. */
export function timestampType(kind: DatabaseKind): 'timestamptz' | 'datetime' {
  return kind === 'postgres' ? 'timestamptz' : 'datetime';
}
