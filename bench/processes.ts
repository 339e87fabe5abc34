import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free loopback port (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node <script>` and resolves once `ready` answers 2xx; the process is killed on exit. */
export async function startNode(
  script: string,
  env: Record<string, string>,
  ready: string,
  /** Node options before the script, e.g. ['-r', '@swc-node/register'] for a .ts script. */
  execArgv: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...execArgv, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.once('exit', () => child.kill());
  // Generous: on a busy 2-core machine (a test run alongside) a hub can take a while to boot.
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    const ok = await fetch(ready).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${script} did not become ready at ${ready}`);
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    // Gone already: exited, or killed by a signal (then exitCode stays null and 'exit' has fired).
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
