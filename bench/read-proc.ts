import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime/stime in /proc/<pid>/stat (100 on almost every Linux). */
const CLOCK_TICKS = readClockTicks();

function readClockTicks(): number {
  const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
}

/**
 * CPU time (user + system, all threads: JS, GC helpers, libuv pool) a process has used so far, in ms.
 * Read from /proc, so it works for a child process without its cooperation.
 */
export function readProcessCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS;
}

/** Resident set now and at its peak (VmRSS, VmHWM), bytes. */
export function readProcessMemory(pid: number): { rssBytes: number; peakRssBytes: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssBytes: kilobytes('VmRSS') * 1024, peakRssBytes: kilobytes('VmHWM') * 1024 };
}

/**
 * CPU time all processes on the machine have used so far (every CPU's user, nice, system, irq, softirq and steal
 * from /proc/stat), ms. Minus the bot's and the load process's own, it shows how much else ran during a measurement:
 * on a shared machine that is the first thing to check before trusting a figure.
 */
export function readMachineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [, user, nice, system, _idle, _iowait, irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  const busy = [user, nice, system, irq, softirq, steal].reduce<number>((total, value) => total + (value ?? 0), 0);
  return (busy * 1000) / CLOCK_TICKS;
}
