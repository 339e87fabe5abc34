import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../../..');
const COMPOSE = join(ROOT, 'deploy/compose/compose.yaml');
/** Debian's docker-compose validates the file without a Docker daemon; .ci/run installs it when missing. */
const DOCKER_COMPOSE = process.env.DOCKER_COMPOSE_PATH ?? '/usr/bin/docker-compose';

/** The Dockerfile's instructions, continuation lines joined, comments left out. */
function instructions(): { op: string; args: string }[] {
  return readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/**
 * The container recipe (docs/containers.md). No Docker daemon runs here, so the image is not
 * built: the compose file is validated by docker-compose itself, and the Dockerfile is read for
 * what the docs promise of it.
 */
describe('containers: the Dockerfile and the compose file', () => {
  const all = instructions();
  const stages = all.reduce<{ op: string; args: string }[][]>((acc, i) => {
    if (i.op === 'FROM') acc.push([]);
    acc[acc.length - 1]?.push(i);
    return acc;
  }, []);
  const final = stages[stages.length - 1];

  it('builds in one stage and runs in another, with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0].some((i) => i.op === 'RUN' && i.args.includes('npm prune --omit=dev'))).toBe(true);
    expect(final.filter((i) => i.op === 'RUN')).toEqual([]); // nothing installed into the runtime image
    expect(final.some((i) => i.op === 'ENV' && i.args.includes('NODE_ENV=production'))).toBe(true);
  });

  it('runs as a user that is not root, with a HEALTHCHECK on the liveness probe', () => {
    const users = final.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users[users.length - 1].split(':')[0]);
    const health = final.find((i) => i.op === 'HEALTHCHECK');
    expect(health?.args).toContain('/health/live');
    expect(final.find((i) => i.op === 'CMD')?.args).toContain('dist/src/main.js');
  });

  it('copies every path it names, and everything the hub reads at run time', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    const copied = all
      .filter((i) => i.op === 'COPY' && !i.args.includes('--from='))
      .flatMap((i) =>
        i.args
          .split(/\s+/)
          .filter((a) => !a.startsWith('--'))
          .slice(0, -1),
      );
    for (const path of copied) {
      expect([path, existsSync(join(ROOT, path))]).toEqual([path, true]);
      expect([path, ignored.includes(path.split('/')[0])]).toEqual([path, false]);
    }
    // What src/ reads from the project root when it runs: every projectRoot() call's first path
    // parts (join(projectRoot(), 'apps', 'card') → apps/card; 'config/sandbox.yaml' → config).
    const needs = (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[])
      .map((f) => join(ROOT, 'src', f))
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [
        ...readFileSync(f, 'utf8').matchAll(/join\(projectRoot\(\), ((?:'[^']+'(?:, )?)+)\)/g),
      ])
      .map((m) => {
        const parts = [...m[1].matchAll(/'([^']+)'/g)]
          .map((p) => p[1])
          .join('/')
          .split('/');
        return parts[0] === 'apps' ? parts.slice(0, 2).join('/') : parts[0];
      });
    expect([...new Set(needs)].sort()).toEqual([
      'apps/card',
      'apps/console',
      'config',
      'mappings',
      'package.json',
      'playbooks',
    ]);
    for (const needed of new Set(needs))
      expect([needed, final.some((i) => i.op === 'COPY' && i.args.includes(needed))]).toEqual([needed, true]);
  });

  it('has a compose file docker-compose accepts, with API and worker roles on Redis and PostgreSQL', async () => {
    const { stdout } = await promisify(execFile)(DOCKER_COMPOSE, ['-f', COMPOSE, 'config', '-q']).catch(
      (error: { stderr?: string; message: string }) => {
        throw new Error(`docker-compose refused ${COMPOSE}: ${error.stderr ?? error.message}`);
      },
    );
    expect(stdout).toBe('');
    const compose = parse(readFileSync(COMPOSE, 'utf8'), { merge: true }) as {
      services: Record<string, { environment?: Record<string, string>; deploy?: { replicas?: number } }>;
    };
    const { api, worker, redis, postgres } = compose.services;
    expect(api.environment?.HUB_ROLE).toBe('api');
    expect(api.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(worker.environment?.HUB_ROLE).toBe('worker');
    expect(redis).toBeDefined();
    expect(postgres).toBeDefined();
    expect(api.environment?.HUB_CONFIG).toBe('/app/config/sandbox.yaml');
    expect(existsSync(join(ROOT, 'config/sandbox.yaml'))).toBe(true);
  });
});
