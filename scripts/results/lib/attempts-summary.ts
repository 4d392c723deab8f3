/** The "tried and not kept" table of one corpus, read from `docs/figures/polyphonic/attempts.jsonl`. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAttempts } from '../../../examples/polyphonic-benchmarks/src/attempt-record';
import type { ResultsContext } from '../context';
import { code, formatDuration, markdownTable, type Cell } from './markdown';
import { modelFacts } from './model-facts';

/**
 * Markdown lines listing the recorded runs of `corpus` that were not kept (config, epochs, best
 * validation log-likelihood, last training loss, time, outcome, command), or no lines when none is recorded.
 * @example
 * ```ts
 * lines.push(...(await attemptsSummary(ctx, 'nottingham')));
 * ```
 */
export async function attemptsSummary(ctx: ResultsContext, corpus: string): Promise<string[]> {
  const file = join(ctx.docsDir, 'figures/polyphonic/attempts.jsonl');
  if (!existsSync(file)) return [];
  const attempts = parseAttempts(await readFile(file, 'utf8')).filter((a) => a.corpus === corpus);
  if (attempts.length === 0) return [];
  const rows = attempts.map((a, i): Cell[] => [
    String(i + 1),
    modelFacts({ metadata: { training: { config: a.config as never } } }).configSummary,
    `${a.epochs} (best ${a.bestEpoch})`,
    -a.bestValidLoss,
    a.lastTrainLoss,
    formatDuration(a.seconds),
    a.outcome,
  ]);
  return [
    '',
    'Other runs tried on this corpus and not kept (read from their console output by `npm run record-attempt -w examples/polyphonic-benchmarks`; ' +
      'valid log-likelihood without dropout, train loss with it):',
    '',
    markdownTable(['#', 'config', 'epochs run (best)', 'best valid log-likelihood / step', 'last train loss / step', 'wall time', 'outcome'], rows, {
      digits: 3,
    }),
    '',
    ...attempts.map((a, i) => `- ${i + 1}: ${code(a.command)}`),
  ];
}
