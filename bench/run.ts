// `npm run bench`: runs every benchmark of bench/ in turn and prints its tables. Not a test: it reports whether the
// targets are met, and exits non-zero only when a benchmark fails to run.
// To add one, write bench/<name>.ts exporting `run(log)` and list it below.
import { cpus, loadavg, totalmem } from 'node:os';
import * as email from './email.ts';
import * as evaluation from './evaluation.ts';
import * as instances from './instances.ts';
import * as slack from './slack.ts';
import * as startup from './startup.ts';

export interface BenchTable {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface BenchResult {
  tables: BenchTable[];
  /** The targets, each met or not. */
  checks: { label: string; ok: boolean }[];
  notes: string[];
}

export interface Benchmark {
  name: string;
  /** `log` is for progress lines while it runs (stderr). */
  run(log: (line: string) => void): Promise<BenchResult>;
}

const BENCHMARKS: Benchmark[] = [
  { name: 'evaluation', run: evaluation.run },
  { name: slack.name, run: slack.run },
  { name: startup.name, run: startup.run },
  { name: email.name, run: email.run },
  { name: instances.name, run: instances.run },
];

function table(t: BenchTable): string {
  const widths = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  // Text columns left-aligned, figures right-aligned.
  const numeric = t.columns.map((_, i) => i > 0 && t.rows.every((r) => /^[\d.,×\s-]*$/.test(r[i] ?? '')));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [`${t.title}`, '', line(t.columns), rule, ...t.rows.map(line)].join('\n');
}

const only = process.argv.slice(2);
const selected = only.length ? BENCHMARKS.filter((b) => only.includes(b.name)) : BENCHMARKS;
const cpu = cpus();
const load = loadavg()[0] ?? 0;
console.log(
  `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, ` +
    `${process.platform}/${process.arch}, Node ${process.version}; load average ${load.toFixed(1)} at start` +
    `${load >= 1 ? ' (the machine is busy: times will be noisy)' : ''}\n`,
);

let failed = 0;
for (const bench of selected) {
  const started = performance.now();
  try {
    const result = await bench.run((line) => process.stderr.write(`[${bench.name}] ${line}\n`));
    console.log(`## ${bench.name} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    for (const t of result.tables) console.log(`${table(t)}\n`);
    for (const check of result.checks) console.log(`${check.ok ? 'MET   ' : 'MISSED'} ${check.label}`);
    for (const note of result.notes) console.log(`note: ${note}`);
    console.log('');
  } catch (error) {
    failed++;
    console.error(`## ${bench.name}: failed\n`, error);
  }
}
process.exitCode = failed ? 1 : 0;
