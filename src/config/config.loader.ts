import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type HubConfig, HubConfigSchema } from './config.schema';

/** A config that cannot be used: stops boot with a message naming the field. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value. Done after YAML parsing, so an
 * environment value can never change the document's structure.
 */
export function interpolate(value: unknown, env: Env, path: string[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/gi, (_, name: string, fallback?: string) => {
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (fallback !== undefined) return fallback;
      throw new ConfigError(`${path.join('.') || '(root)'}: environment variable ${name} is not set`);
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, [...path, k])]));
  }
  return value;
}

/** Parses, interpolates and validates a config document. */
export function parseConfig(text: string, env: Env = process.env, source = 'config'): HubConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`${source}: not valid YAML: ${(e as Error).message}`);
  }
  const withEnv = interpolate(doc ?? {}, env) as Record<string, unknown>;
  // Deployment overrides the platform sets (docs/operations.md: PostgreSQL when DATABASE_URL says so).
  if (env.DATABASE_URL) withEnv.database = { ...(withEnv.database as object), url: env.DATABASE_URL };
  if (env.REDIS_URL) withEnv.redis = { ...(withEnv.redis as object), url: env.REDIS_URL };
  if (env.HUB_REDIS_KEY_PREFIX)
    withEnv.redis = { ...(withEnv.redis as object), keyPrefix: env.HUB_REDIS_KEY_PREFIX };
  if (env.DATABASE_SCHEMA)
    withEnv.database = { ...(withEnv.database as object), schema: env.DATABASE_SCHEMA };
  if (env.HUB_ROLE) withEnv.server = { ...(withEnv.server as object), role: env.HUB_ROLE };
  if (env.PORT) withEnv.server = { ...(withEnv.server as object), port: env.PORT };
  const parsed = HubConfigSchema.safeParse(withEnv);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${source} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadConfigFile(file: string, env: Env = process.env): HubConfig {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(
      `cannot read config file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return parseConfig(text, env, path);
}
