import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrainOutput } from '../../../examples/polyphonic-benchmarks/src/attempt-record';
import { tempResultsRoot } from '../__fixtures__/temp-results-root';
import { attemptsSummary } from './attempts-summary';

const output = (corpus: string, valids: number[]) =>
  [
    `train: npm run train -w examples/polyphonic-benchmarks -- --corpus ${corpus} --estimator nade --hidden 200 --projection-hidden 150 --transpose 6 --out models/x`,
    ...valids.map((v, i) => `epoch ${i} train ${v + 1} valid ${v} (60 s) 2026-11-30T20:00:00.000Z`),
  ].join('\n');

describe('attemptsSummary', () => {
  const scratch = tempResultsRoot('results-attempts-');

  it('shows nothing without a log, and only the asked corpus with one', async () => {
    expect(await attemptsSummary(scratch.context(), 'jsb')).toEqual([]);
    const dir = join(scratch.root(), 'docs/figures/polyphonic');
    await mkdir(dir, { recursive: true });
    const records = [
      parseTrainOutput(output('jsb', [7, 6.5, 6.6]), { outcome: 'stopped by hand' }),
      parseTrainOutput(output('musedata', [9]), { outcome: 'other' }),
    ];
    await writeFile(join(dir, 'attempts.jsonl'), `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const md = (await attemptsSummary(scratch.context(), 'jsb')).join('\n');
    expect(md).toContain(
      '| 1 | LSTM 200×1, ReLU projection 150, NADE 100, ±6 transposition, Adam 0.001, batch 16 | 3 (best 2) | -6.500 | 7.600 | 3.0 min | stopped by hand |',
    );
    expect(md).toContain('- 1: `npm run train -w examples/polyphonic-benchmarks -- --corpus jsb');
    expect(md).not.toContain('other');
    expect(await attemptsSummary(scratch.context(), 'nottingham')).toEqual([]);
  });
});
