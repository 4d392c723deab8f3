/**
 * Results section: the JSB ablation table (issue 14), as written by
 * `npm run ablation -w examples/polyphonic-benchmarks` into docs/figures/polyphonic/ablation/,
 * and a "what helped" paragraph computed from its numbers. Its rows × 3 seeds of models are not
 * committed, so the page shows the ablation's own table (test log-likelihoods measured by the
 * ablation run when each model finished) with its command.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AblationRowSummary } from '../../../examples/polyphonic-benchmarks/src/ablation-log';
import type { ResultsContext } from '../context';
import { code } from '../lib/markdown';

/** Where the ablation writes, relative to docs/. */
export const ABLATION_DIR = 'figures/polyphonic/ablation';
const RUN = 'npm run ablation -w examples/polyphonic-benchmarks -- --minutes-per-run 20 --seeds 3';

/** One row of `ablation.json` (the runner's summary: mean ± sample std of each row over its seeds). */
export type AblationSummaryRow = Pick<AblationRowSummary, 'id' | 'factor' | 'setting' | 'n' | 'mean' | 'std'> & Partial<Pick<AblationRowSummary, 'meanEpochs'>>;

/**
 * A caveat when every run used its whole epoch budget (`budget` like "15 epochs, ..."): the
 * table then compares the parts at that budget, not at convergence. Empty otherwise.
 *
 * @example
 * ```ts
 * budgetCaveat('15 epochs, early stopping with patience 8', rows); // 'Every run used its whole budget ...'
 * ```
 */
export function budgetCaveat(budget: string | undefined, rows: readonly AblationSummaryRow[]): string {
  const epochs = Number(/^(\d+) epochs/.exec(budget ?? '')?.[1]);
  const ran = rows.filter((r) => r.n > 0);
  if (!Number.isFinite(epochs) || ran.length === 0 || !ran.every((r) => r.meanEpochs === epochs)) return '';
  return `Every run used its whole budget of ${epochs} epochs (no run stopped early): the table compares the parts at this budget, not at convergence, so factors that slow early training (regularisers, deeper networks) can rank lower here than in a run trained to early stopping.`;
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

/**
 * The "what helped" paragraph, written from the numbers: each row against the base, its
 * difference of means ± the standard error of that difference (√(s²/n + s_base²/n_base));
 * "helped" / "hurt" when the difference is more than twice its standard error, "no clear
 * difference" otherwise, "not judged" with fewer than 2 seeds on either side.
 *
 * @example
 * ```ts
 * whatHelped([{ id: 'base', factor: 'base', setting: '...', n: 3, mean: -6, std: 0.01 }, ...]);
 * ```
 */
export function whatHelped(rows: readonly AblationSummaryRow[]): string {
  const base = rows.find((r) => r.id === 'base');
  if (!base || base.mean === null) return 'What helped: not known yet (the base row has no finished run).';
  const groups = { helped: [] as string[], hurt: [] as string[], unclear: [] as string[], unjudged: [] as string[] };
  const judged = rows
    .filter((r) => r.id !== 'base' && r.mean !== null)
    .map((r) => ({ r, d: r.mean! - base.mean! }))
    .sort((a, b) => b.d - a.d);
  for (const { r, d } of judged) {
    const label = `${r.factor} ${r.setting}`;
    if (r.n < 2 || base.n < 2 || r.std === null || base.std === null) {
      groups.unjudged.push(`${label} (${signed(d)})`);
      continue;
    }
    const se = Math.sqrt(r.std ** 2 / r.n + base.std ** 2 / base.n);
    const text = `${label} (${signed(d)} ± ${se.toFixed(3)})`;
    if (d > 2 * se) groups.helped.push(text);
    else if (d < -2 * se) groups.hurt.push(text);
    else groups.unclear.push(text);
  }
  const part = (name: string, items: string[]) => (items.length ? `${name}: ${items.join('; ')}.` : `${name}: none.`);
  return [
    `What helped, computed from the table (difference of the row's mean test log-likelihood per step from the base's,`,
    `± the standard error of that difference; a row helped or hurt when the difference exceeds twice its standard error).`,
    part('Helped', groups.helped),
    part('Hurt', groups.hurt),
    part('No clear difference', groups.unclear),
    ...(groups.unjudged.length ? [part('Not judged (fewer than 2 seeds)', groups.unjudged)] : []),
  ].join(' ');
}

/** Renders the ablation section (markdown). */
export async function render(ctx: ResultsContext): Promise<string> {
  const dir = join(ctx.docsDir, ABLATION_DIR);
  const head = `## What each part adds: JSB ablation

Plain RNN (tanh) vs LSTM; 1 vs 2 layers; attention window 0 / 4 / 16; dropout 0 / 0.3 / 0.5; ReLU
projection on/off; transposition augmentation on/off (and, when run, the learning-rate schedule) —
each row changes one factor of the base, with the same budget per run and seeds 1, 2, 3; test
log-likelihood per step, mean ± std over the seeds. The command is resumable: run it again after an
interruption.
`;
  if (!existsSync(join(dir, 'ablation.md'))) {
    return `${head}\nNot run yet: ${code(RUN)} writes ${ABLATION_DIR}/ablation.md (and the per-run log ablation-runs.jsonl) for this section.\n`;
  }
  const table = await readFile(join(dir, 'ablation.md'), 'utf8');
  let command = RUN;
  let facts = '';
  let helped = '';
  if (existsSync(join(dir, 'ablation.json'))) {
    const summary = JSON.parse(await readFile(join(dir, 'ablation.json'), 'utf8')) as {
      command?: string;
      schedule?: string;
      budget?: string;
      rows?: AblationSummaryRow[];
    };
    if (typeof summary.command === 'string') command = summary.command;
    if (typeof summary.schedule === 'string') facts = ` Learning-rate schedule of every row but the schedule rows: ${summary.schedule}.`;
    if (Array.isArray(summary.rows)) {
      const caveat = budgetCaveat(summary.budget, summary.rows);
      helped = `\n${whatHelped(summary.rows)}${caveat ? ` ${caveat}` : ''}\n`;
    }
  }
  return `${head}\nReproduce: ${code(command)} (per-run records: [ablation-runs.jsonl](${ABLATION_DIR}/ablation-runs.jsonl)).${facts}\n\n${table}${helped}`;
}
