import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * Other work on the machine (a test run, someone else's benchmark) takes one of our two
 * cores and silently halves a figure. We cannot prevent it, so we wait for a quiet machine
 * before each measurement and report how much CPU others used during it.
 */

/** CPU time (ms) all cores spent busy since boot. */
export function machineBusyMs(): number {
  return cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
}

/** user + system CPU of a live process, in ms (Linux /proc; 0 elsewhere or once it is gone). */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state is [0], utime [11], stime [12], in clock ticks.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** Our own CPU (this process), in ms. */
export function selfCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Measures CPU used by others over a window: busy time of the machine minus what we
 * account for (our processes' CPU), as a fraction of one core.
 */
export class ForeignLoad {
  private readonly busy0 = machineBusyMs();
  private readonly self0 = selfCpuMs();
  private readonly wall0 = performance.now();

  /** `oursMs`: CPU of our children during the window (they report it or we read /proc). */
  coresUsedByOthers(oursMs: number): number {
    const busy = machineBusyMs() - this.busy0;
    const ours = oursMs + (selfCpuMs() - this.self0);
    return Math.max(0, busy - ours) / (performance.now() - this.wall0);
  }
}

const QUIET = 0.1; // of one core

function quietWaitMs(): number {
  const raw = process.env.BENCH_QUIET_WAIT;
  const seconds = raw === undefined || raw === '' ? 120 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`BENCH_QUIET_WAIT must be seconds >= 0 (got "${raw}")`);
  return seconds * 1000;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits (up to BENCH_QUIET_WAIT seconds, default 120; 0 = no wait) until other processes use
 * less than 10% of a core over one second. Returns that share; the caller reports it when
 * the machine never got quiet.
 */
export async function waitForQuiet(maxWaitMs = quietWaitMs()): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  for (;;) {
    const window = new ForeignLoad();
    await sleep(1000);
    const others = window.coresUsedByOthers(0);
    if (others < QUIET || performance.now() > deadline) return others;
  }
}

export function busyNote(cores: number): string {
  return cores >= QUIET ? `  [others used ${Math.round(cores * 100)}% of a core meanwhile: figure disturbed]` : '';
}
