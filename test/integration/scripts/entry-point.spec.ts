import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../../src/common/project-root';
import { deleteByPrefix, uniquePrefix } from '../../support/redis-prefix';

jest.setTimeout(90_000);

const ROOT = projectRoot(__dirname);
const SCRATCH = mkdtempSync(join(tmpdir(), 'hub-entry-'));

/** The entry point (src/main.ts, what dist/src/main.js is built from) with `args` and `env`. */
function entry(
  args: string[],
  env: Record<string, string | undefined>,
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const clean = { ...process.env };
  for (const name of ['HUB_CONFIG', 'DATABASE_URL', 'HUB_DEMO_DATABASE_URL', 'NODE_ENV']) delete clean[name];
  // Run from the scratch directory: anything the demo writes relative to where it runs lands there.
  const register = require.resolve('@swc-node/register');
  const child = spawn(process.execPath, ['-r', register, join(ROOT, 'src/main.ts'), ...args], {
    cwd: SCRATCH,
    env: { ...clean, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (d: Buffer) => (printed += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (printed += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => printed, exited };
}

/** Resolves with the output once `pattern` was printed; rejects if the process exits first. */
function printed(run: ReturnType<typeof entry>, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(run.output())) {
        run.child.stdout!.off('data', check);
        run.child.stderr!.off('data', check);
        resolve(run.output());
      }
    };
    run.child.stdout!.on('data', check);
    run.child.stderr!.on('data', check);
    void run.exited.then(() => reject(new Error(`exited before ${pattern}:\n${run.output()}`)));
    check();
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Issue 12, part 2: no silent demo. */
describe('the entry point without HUB_CONFIG', () => {
  const scratch = SCRATCH;
  const prefix = uniquePrefix('entry');
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await deleteByPrefix(prefix);
  });

  /** The demo (`--demo`) on free ports and its own Redis prefix, once it listens. */
  const demo = async (env: Record<string, string>) => {
    const [port, sandboxPort] = [await freePort(), await freePort()];
    const run = entry(['--demo'], {
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      HUB_REDIS_KEY_PREFIX: prefix,
      ...env,
    });
    const output = await printed(run, /Context Hub is listening on/).catch((error: unknown) => {
      run.child.kill('SIGTERM');
      throw error;
    });
    return { run, port, output };
  };

  it('refuses to start unless the demo is asked for, saying what to set', async () => {
    const run = entry([], {});
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Context Hub cannot start: HUB_CONFIG is not set.');
    expect(run.output()).toContain('node dist/src/main.js --demo');
    expect(run.output()).not.toContain('listening');
  });

  it('refuses the demo with NODE_ENV=production, even when asked for', async () => {
    const run = entry(['--demo'], { NODE_ENV: 'production' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('does not run with NODE_ENV=production');
    expect(run.output()).not.toContain('listening');
  });

  it('runs the demo when asked, says DEMO, and keeps DATABASE_URL out of it', async () => {
    const elsewhere = join(scratch, 'production.sqlite');
    const own = join(scratch, 'demo.sqlite');
    const { run, port, output } = await demo({
      DATABASE_URL: `sqlite:${elsewhere}`,
      HUB_DEMO_DATABASE_URL: `sqlite:${own}`,
    });
    try {
      expect(output).toMatch(/^DEMO: Context Hub on its built-in sandbox/m);
      const res = await fetch(`http://127.0.0.1:${port}/v1/orders/1001/context`, {
        headers: { authorization: 'Bearer demo-helpdesk-key' },
      });
      expect(res.status).toBe(200);
      expect(existsSync(own)).toBe(true); // asked for with HUB_DEMO_DATABASE_URL
      expect(existsSync(elsewhere)).toBe(false); // DATABASE_URL: never touched by the demo
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });

  it('keeps its data in its own file when only DATABASE_URL is set, and says so', async () => {
    const elsewhere = join(scratch, 'production-2.sqlite');
    const { run, output } = await demo({ DATABASE_URL: `sqlite:${elsewhere}` });
    try {
      expect(output).toContain('DATABASE_URL is set but the demo does not write there');
      // The demo's own file, relative to where it runs (here the scratch directory).
      expect(existsSync(join(scratch, 'data/hub-sandbox.sqlite'))).toBe(true);
      expect(existsSync(elsewhere)).toBe(false);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });
});
