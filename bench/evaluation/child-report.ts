// What a measured child process reports to the parent (`bench/evaluation.ts`), and how it reads its peak memory: in a
// module of their own, so that the PostgreSQL subjects (child-postgres.ts), loaded by child.ts, need not import it.
import { existsSync, readFileSync } from 'node:fs';

/** `bot`: the evaluation (no chat configured: what it decides and records); `bot-deliver`: then delivery too. */
export type Mode = 'floor' | 'bot' | 'bot-deliver' | 'pg-floor' | 'pg-bot';

export interface WeekCounts {
  honoured: number;
  missed: number;
  unknown: number;
  coachingHeld: number;
}

/** Per Store method: synchronous time, calls, and the highest RSS sampled right after a call. */
export type Phases = Record<string, { ms: number; calls: number; rssMb: number }>;

export interface ChildReport {
  mode: Mode;
  timeMs: number;
  /** Peak RSS of the whole child process, MB. */
  peakRssMb: number;
  /** Peak RSS just before the measured work began (modules loaded, database open), MB. */
  baseRssMb: number;
  /** The evaluated week's figures, to check that every subject computed the same thing. */
  week: WeekCounts;
  /** Bot only: time spent in each Store method. */
  phases?: Phases;
  /** Bot only: alerts raised and messages enqueued and sent. */
  outcome?: { alerts: number; messages: number; sent: number };
}

export const RESULT_TAG = 'BENCH_RESULT ';

/**
 * Peak RSS of this process, MB. Linux's `getrusage` maxRSS (what `process.resourceUsage()` reads) survives `exec`,
 * so a child would report its parent's peak when that was higher; VmHWM is the high-water mark of this image only.
 */
export function maxRssMb(): number {
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(
    existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '',
  );
  return (hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) / 1024;
}
