import type { AblationRow } from './ablation-plan';
import { parseJsonLines } from './json-lines';
import type { RunConfig } from './run-config';

/** One finished ablation run, as one JSON line of the ablation log. */
export interface AblationRunRecord {
  /** `<row id>-s<seed>`. */
  readonly id: string;
  readonly row: string;
  readonly seed: number;
  readonly config: RunConfig;
  /** Test log-likelihood per step (nats; pooled over every frame, the first included). */
  readonly testLogLikelihoodPerStep: number;
  /** Best validation loss per step (nats), the epoch whose weights were kept. */
  readonly bestValidLossPerStep: number | null;
  readonly epochs: number;
  readonly stoppedEarly: boolean;
  /** Training wall time in seconds (summed over resumes). */
  readonly seconds: number;
  readonly backend: string;
}

/** Mean ± std of one row over its seeds. */
export interface AblationRowSummary {
  readonly id: string;
  readonly factor: string;
  readonly setting: string;
  /** Seeds finished. */
  readonly n: number;
  readonly mean: number | null;
  /** Sample standard deviation (n - 1 in the denominator); null with fewer than 2 seeds. */
  readonly std: number | null;
  readonly meanEpochs: number | null;
}

/** Parses the ablation log (JSON lines), skipping blank or torn lines. */
export function parseAblationLog(text: string): AblationRunRecord[] {
  const ok = (r: unknown) => typeof (r as AblationRunRecord).id === 'string' && typeof (r as AblationRunRecord).testLogLikelihoodPerStep === 'number';
  return parseJsonLines<AblationRunRecord>(text, ok);
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Mean ± sample std of each row's test log-likelihood over its finished seeds (later duplicates win). */
export function summariseAblation(rows: readonly AblationRow[], records: readonly AblationRunRecord[]): AblationRowSummary[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  return rows.map((row) => {
    const runs = [...byId.values()].filter((r) => r.row === row.id);
    const lls = runs.map((r) => r.testLogLikelihoodPerStep);
    const m = lls.length ? mean(lls) : null;
    const std = lls.length > 1 ? Math.sqrt(lls.reduce((a, x) => a + (x - m!) ** 2, 0) / (lls.length - 1)) : null;
    return {
      id: row.id,
      factor: row.factor,
      setting: row.setting,
      n: lls.length,
      mean: m,
      std,
      meanEpochs: runs.length ? mean(runs.map((r) => r.epochs)) : null,
    };
  });
}

/**
 * The ablation table as markdown: one line per row with mean ± std of the test log-likelihood
 * per step over its seeds and the difference to the base row.
 */
export function ablationMarkdown(summaries: readonly AblationRowSummary[], options: { budget: string }): string {
  const base = summaries.find((s) => s.id === 'base')?.mean ?? null;
  const f = (x: number | null, d = 3) => (x === null ? '—' : x.toFixed(d));
  const lines = [
    `| factor | setting | test log-likelihood / step (mean ± std) | seeds | Δ vs base | epochs (mean) |`,
    `|---|---|---|---|---|---|`,
    ...summaries.map((s) => {
      const ll = s.mean === null ? '—' : `${f(s.mean)}${s.std === null ? '' : ` ± ${f(s.std)}`}`;
      const delta = s.id === 'base' || s.mean === null || base === null ? '' : `${s.mean - base >= 0 ? '+' : ''}${(s.mean - base).toFixed(3)}`;
      return `| ${s.factor} | ${s.setting} | ${ll} | ${s.n} | ${delta} | ${f(s.meanEpochs, 1)} |`;
    }),
  ];
  return `${lines.join('\n')}\n\nBudget per run: ${options.budget}. Higher is better; std is the sample standard deviation over seeds.\n`;
}
