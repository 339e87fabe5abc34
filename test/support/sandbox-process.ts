import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type OrderListing } from '../../sandbox/control/world.listing';
import { type Stats } from '../../sandbox/sandbox.stats';
import { freePort, outputOf } from './hub-process';

const ROOT = join(__dirname, '../..');

export interface SandboxProcess {
  readonly url: string;
  /** GET /_sandbox/world/orders. */
  orders(): Promise<OrderListing[]>;
  /** GET /_sandbox/stats. */
  stats(): Promise<Stats>;
  /** SIGTERM, SIGKILL after 5 s; resolves once the process is gone. */
  close(): Promise<void>;
}

/**
 * The sandbox in a process of its own (`sandbox/main.ts`, as `npm run sandbox` runs it), for tests
 * that read the vendors' clock: in the test's own process, a busy test stamps requests late and
 * in bunches, as no vendor would.
 */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(await freePort());
    } catch (error) {
      // Another process took the free port before the sandbox bound it: take another one.
      if (attempt === 3 || !(error as Error).message.includes('EADDRINUSE')) throw error;
    }
  }
}

async function launch(port: number): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'sandbox/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, SANDBOX_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = outputOf(child);
  let failed: Error | undefined;
  child.once('error', (error) => (failed = error));
  const gone = () => failed !== undefined || child.exitCode !== null || child.signalCode !== null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  // Should the test process end without its afterAll, the sandbox ends with it.
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  const read = async <T>(path: string): Promise<T> => {
    const res = await fetch(url + path);
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const close = async () => {
    if (gone()) return;
    child.kill('SIGTERM');
    const killLater = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killLater);
  };
  // It says so once it listens (sandbox/main.ts); it may exit first (a taken port). Generous: on a
  // busy 2-core machine a process can take a while to start.
  let bound: NodeJS.Timeout | undefined;
  const listening = await new Promise<boolean>((resolve) => {
    child.stdout!.on('data', () => {
      if (output().includes('sandbox listening on')) resolve(true);
    });
    void exited.then(() => resolve(false));
    bound = setTimeout(() => resolve(false), 60_000);
  });
  clearTimeout(bound);
  if (!listening) {
    await close();
    throw new Error(
      `the sandbox did not start at ${url}${failed ? ` (${failed.message})` : ''}\n` +
        `--- its output ---\n${output()}`,
    );
  }
  return { url, orders: () => read('/_sandbox/world/orders'), stats: () => read('/_sandbox/stats'), close };
}
