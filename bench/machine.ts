/**
 * What the benchmarks read of the machine (Linux /proc): CPU time of a process and of the whole
 * machine, a process's RSS, and a wait until other processes calm down (this machine is shared).
 */
import { readFile } from 'node:fs/promises';

/**
 * Waits (up to BENCH_QUIET_S, default 60 s) until other processes use less than a third of a core
 * for a second: this machine is shared, and a neighbour's test run would be measured too. The
 * figures still show what others used during each run.
 */
export async function untilQuiet(ours: number[]): Promise<void> {
  const limitMs = Number(process.env.BENCH_QUIET_S ?? 60) * 1000;
  const started = performance.now();
  for (;;) {
    const used = async () => {
      const self = process.cpuUsage();
      const mine = (await Promise.all(ours.map(cpuMs))).reduce((a, b) => a + b, 0);
      return (await machineCpuMs()) - mine - (self.user + self.system) / 1000;
    };
    const [before, at] = [await used(), performance.now()];
    await new Promise((r) => setTimeout(r, 1000));
    const othersPct = (100 * ((await used()) - before)) / (performance.now() - at);
    if (othersPct < 33 || performance.now() - started > limitMs) return;
    process.stdout.write(`(waiting: other processes use ${othersPct.toFixed(0)}% of a core)\n`);
  }
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux). */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
}

/** CPU time every process of the machine has used, in ms (busy jiffies of /proc/stat). */
export async function machineCpuMs(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
}

/**
 * A meter of the CPU other processes of the machine use while it runs, in % of one core: the
 * machine's busy time minus that of `ours` (pids) and of this process.
 */
export async function othersMeter(ours: number[]): Promise<() => Promise<number>> {
  const sample = async () => {
    const self = process.cpuUsage();
    const mine = (await Promise.all(ours.map(cpuMs))).reduce((a, b) => a + b, 0);
    return {
      at: performance.now(),
      others: (await machineCpuMs()) - mine - (self.user + self.system) / 1000,
    };
  };
  const before = await sample();
  return async () => {
    const after = await sample();
    return Math.max(0, (100 * (after.others - before.others)) / (after.at - before.at));
  };
}

export async function rssMiB(pid: number): Promise<string> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kb ? (Number(kb) / 1024).toFixed(0) : '?';
}
