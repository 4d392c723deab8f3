/**
 * Results section: the JSB ablation table (issue 14), as written by
 * `npm run ablation -w examples/polyphonic-benchmarks` into docs/figures/polyphonic/ablation/.
 * Its 9 rows × 3 seeds of models are not committed, so the page shows the ablation's own table
 * (test log-likelihoods measured by the ablation run when each model finished) with its command.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultsContext } from '../context';
import { code } from '../lib/markdown';

/** Where the ablation writes, relative to docs/. */
export const ABLATION_DIR = 'figures/polyphonic/ablation';
const RUN = 'npm run ablation -w examples/polyphonic-benchmarks -- --minutes-per-run 20 --seeds 3';

/** Renders the ablation section (markdown). */
export async function render(ctx: ResultsContext): Promise<string> {
  const dir = join(ctx.docsDir, ABLATION_DIR);
  const head = `## What each part adds: JSB ablation

Plain RNN (tanh) vs LSTM; 1 vs 2 layers; attention window 0 / 4 / 16; dropout 0 / 0.3 / 0.5; ReLU
projection on/off; transposition augmentation on/off — each row changes one factor of the base
(1-layer LSTM of 150, NADE 100), with the same budget per run and seeds 1, 2, 3; test
log-likelihood per step, mean ± std over the seeds. The command is resumable: run it again after an
interruption.
`;
  if (!existsSync(join(dir, 'ablation.md'))) {
    return `${head}\nNot run yet: ${code(RUN)} writes ${ABLATION_DIR}/ablation.md (and the per-run log ablation-runs.jsonl) for this section.\n`;
  }
  const table = await readFile(join(dir, 'ablation.md'), 'utf8');
  let command = RUN;
  if (existsSync(join(dir, 'ablation.json'))) {
    const summary = JSON.parse(await readFile(join(dir, 'ablation.json'), 'utf8')) as { command?: string };
    if (typeof summary.command === 'string') command = summary.command;
  }
  return `${head}\nReproduce: ${code(command)} (per-run records: [ablation-runs.jsonl](${ABLATION_DIR}/ablation-runs.jsonl)).\n\n${table}`;
}
