/**
 * `npm run ablation -w examples/polyphonic-benchmarks -- --minutes-per-run 20 --seeds 3 [--rows base,cell-rnn] [--out DIR] [--work-dir DIR]`
 *
 * The JSB ablation table of issue 14 (src/ablation-plan.ts): plain RNN vs LSTM, 1 vs 2 layers,
 * attention window 0 / 4 / 16, dropout 0 / 0.3 / 0.5, ReLU projection on/off, transposition
 * on/off — every row with the same budget (--minutes-per-run, or --epochs with
 * --minutes-per-run 0), seeds 1..N, mean ± std of the test log-likelihood per step.
 * Resumable: finished runs are read from OUT/ablation-runs.jsonl and skipped; an interrupted run
 * resumes its checkpoint in WORK/<row>-s<seed>/run with the budget it had already spent. Just run
 * the same command again.
 * Writes OUT/ablation-runs.jsonl, OUT/ablation.json and OUT/ablation.md (default OUT
 * docs/figures/polyphonic/ablation, WORK /tmp/rnn-nade-ablation). Other RunConfig flags (kebab
 * case, e.g. --hidden 100 --max-sequences 4) change the base of every row.
 */
import { resolve } from 'node:path';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';
import { selectRows } from '../src/ablation-plan';
import { ABLATION_FILES, runAblation } from '../src/ablation-runner';
import { dataDirOrDefault, repoRelative, repoRoot } from '../src/paths';
import { parseRunConfig } from '../src/run-config';

installProcessErrorHandlers({ name: 'polyphonic-benchmarks ablation' }); // exit 1 with the real error first

const argv = process.argv.slice(2);
const { config: parsed, rest } = parseRunConfig(['--epochs', '1000', ...argv]);
const minutes = Number(rest['minutes-per-run'] ?? 20);
const seedCount = Number(rest.seeds ?? 3);
if (!(minutes >= 0) || !Number.isInteger(seedCount) || seedCount < 1) throw new Error('--minutes-per-run must be >= 0 and --seeds an integer >= 1.');
const base = { ...parsed, maxMinutes: minutes };
const rows = selectRows(rest.rows?.split(','));
const outDir = resolve(repoRoot, rest.out ?? 'docs/figures/polyphonic/ablation');
const workDir = resolve(rest['work-dir'] ?? '/tmp/rnn-nade-ablation');
const command = ['npm run ablation -w examples/polyphonic-benchmarks --', ...argv].join(' ');
console.log(
  `ablation: ${rows.length} rows × ${seedCount} seeds, ${minutes} minutes per run; log ${repoRelative(outDir)}/${ABLATION_FILES.log}, runs ${workDir}`,
);
const summary = await runAblation({
  base,
  rows,
  seeds: Array.from({ length: seedCount }, (_, i) => i + 1),
  outDir,
  workDir,
  dataDir: rest['data-dir'] ?? dataDirOrDefault(),
  command,
  log: (m) => console.log(m),
});
for (const s of summary)
  console.log(`ablation: ${s.id}: ${s.mean === null ? '—' : s.mean.toFixed(4)}${s.std === null ? '' : ` ± ${s.std.toFixed(4)}`} (${s.n} seeds)`);
console.log(`ablation: table ${repoRelative(outDir)}/${ABLATION_FILES.table}`);
