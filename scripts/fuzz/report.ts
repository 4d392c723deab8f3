import type { JobResult, Outcome } from './child-pool';

/** Counts of one target. */
export interface Tally {
  /** Mutants per outcome. */
  readonly counts: Record<Outcome, number>;
  /** Slowest read, in ms. */
  slowestMs: number;
  /** Largest peak RSS growth of a read, in MB. */
  maxGrowthMb: number;
  /** Saved offending mutants. */
  readonly kept: string[];
}

/** An empty tally. */
export function newTally(): Tally {
  return { counts: { typed: 0, accepted: 0, crash: 0, 'over-time': 0, 'over-memory': 0 }, slowestMs: 0, maxGrowthMb: 0, kept: [] };
}

/** Adds one result. */
export function record(t: Tally, r: JobResult): void {
  t.counts[r.outcome]++;
  if (r.outcome !== 'over-time') t.slowestMs = Math.max(t.slowestMs, r.ms);
  t.maxGrowthMb = Math.max(t.maxGrowthMb, r.peakGrowthMb);
}

/** The final table: one row per target, then the seed and the saved mutants. */
export function formatReport(tallies: ReadonlyMap<string, Tally>, seed: number): string {
  const head = ['target', 'mutants', 'typed error', 'accepted', 'crash', 'over time', 'over memory', 'slowest ms', 'max +MB'];
  const rows = [...tallies].map(([name, t]) => {
    const c = t.counts;
    const total = c.typed + c.accepted + c.crash + c['over-time'] + c['over-memory'];
    return [name, total, c.typed, c.accepted, c.crash, c['over-time'], c['over-memory'], t.slowestMs.toFixed(0), t.maxGrowthMb.toFixed(0)].map(String);
  });
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  const kept = [...tallies.values()].flatMap((t) => t.kept);
  return [
    line(head),
    ...rows.map(line),
    `seed ${seed} (repeat with --seed ${seed}; replay one mutant with --replay FILE --target T)`,
    kept.length ? `offending mutants:\n${kept.map((k) => `  ${k}`).join('\n')}` : 'offending mutants: none',
  ].join('\n');
}
