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
  close(): Promise<void>;
}

/**
 * The sandbox in a process of its own (`sandbox/main.ts`, as `npm run sandbox` runs it), for tests
 * that read the vendors' clock: in the test's own process, a busy test stamps requests late and
 * in bunches, as no vendor would.
 */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'sandbox/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, SANDBOX_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = outputOf(child);
  // Should the test process end without its afterAll, the sandbox ends with it.
  process.once('exit', () => child.kill('SIGKILL'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const read = async <T>(path: string): Promise<T> => {
    const res = await fetch(url + path);
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  // Generous: on a busy 2-core machine a process can take a while to start.
  const deadline = Date.now() + 60_000;
  const up = () =>
    read('/_sandbox/stats').then(
      () => true,
      () => false,
    );
  while (!(await up())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`the sandbox did not start at ${url}\n--- its output ---\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, orders: () => read('/_sandbox/world/orders'), stats: () => read('/_sandbox/stats'), close };
}
