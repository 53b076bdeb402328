import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of processes, from Linux's /proc (user + system, in ms): where a request's time goes
 * besides its latency — the server's own process, and the database's processes (the postmaster and
 * every backend it forked). On a machine where they share cores, the cheaper pair serves more.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

interface ProcStat {
  ppid: number;
  cpuMs: number;
  /** CPU ms of its children that exited and were waited for. */
  reapedMs: number;
}

function stat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, inside parentheses).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
      reapedMs: (Number(fields[13]) + Number(fields[14])) * TICK_MS,
    };
  } catch {
    return null; // gone
  }
}

/** CPU ms used so far by `pid` alone. */
export function processCpuMs(pid: number): number {
  return stat(pid)?.cpuMs ?? 0;
}

/**
 * CPU ms used so far by `pid` and its children (a postmaster and its backends): the live ones, and
 * those that exited (the kernel adds them to the parent's reaped time when it waits for them).
 */
export function treeCpuMs(pid: number): number {
  const root = stat(pid);
  let total = root ? root.cpuMs + root.reapedMs : 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s && s.ppid === pid) total += s.cpuMs;
  }
  return total;
}

/** Whether this platform can tell (Linux /proc). */
export const cpuAccounting = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();
