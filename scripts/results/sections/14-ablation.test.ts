import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempResultsRoot } from '../__fixtures__/temp-results-root';
import { ABLATION_DIR, budgetCaveat, render, whatHelped, type AblationSummaryRow } from './14-ablation';

const ROWS: AblationSummaryRow[] = [
  { id: 'base', factor: 'base', setting: 'LSTM, 1 layer', n: 3, mean: -6, std: 0.03 },
  { id: 'cell-rnn', factor: 'cell', setting: 'plain RNN (tanh)', n: 3, mean: -6.5, std: 0.06 },
  { id: 'layers-2', factor: 'layers', setting: '2 layers', n: 3, mean: -5.98, std: 0.03 },
  { id: 'attention-4', factor: 'attention window', setting: '4', n: 1, mean: -5.9, std: null },
  { id: 'attention-16', factor: 'attention window', setting: '16', n: 0, mean: null, std: null },
  { id: 'dropout-0.5', factor: 'dropout', setting: '0.5', n: 3, mean: -5.8, std: 0.03 },
];

describe('ablation section', () => {
  const scratch = tempResultsRoot('results-ablation-');
  const ctx = () => scratch.context();

  it('says how to run the ablation when it has not been run', async () => {
    expect(await render(ctx())).toContain('Not run yet: `npm run ablation -w examples/polyphonic-benchmarks -- --minutes-per-run 20 --seeds 3`');
  });

  it("includes the ablation's table with the command it was run with", async () => {
    const dir = join(scratch.root(), 'docs', ABLATION_DIR);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'ablation.md'), '| factor | setting |\n|---|---|\n| cell | plain RNN (tanh) |\n');
    await writeFile(
      join(dir, 'ablation.json'),
      JSON.stringify({
        command: 'npm run ablation -w examples/polyphonic-benchmarks -- --minutes-per-run 7 --seeds 3',
        schedule: 'plateau ×0.5 after 4 flat checks',
        rows: ROWS,
      }),
    );
    const md = await render(ctx());
    expect(md).toContain('Reproduce: `npm run ablation -w examples/polyphonic-benchmarks -- --minutes-per-run 7 --seeds 3`');
    expect(md).toContain('Learning-rate schedule of every row but the schedule rows: plateau ×0.5 after 4 flat checks.');
    expect(md).toContain('| cell | plain RNN (tanh) |');
    expect(md).toContain(whatHelped(ROWS));
    expect(md).not.toContain('Not run yet');
  });

  it('writes "what helped" from the numbers: difference ± its standard error, judged at 2 standard errors', () => {
    const text = whatHelped(ROWS);
    // dropout: +0.2 ± √(0.03²/3 + 0.03²/3) = 0.0245; RNN: −0.5 ± √(0.06²/3 + 0.03²/3) = 0.0387; 2 layers: +0.02 < 2 × 0.0245
    expect(text).toContain('Helped: dropout 0.5 (+0.200 ± 0.024).');
    expect(text).toContain('Hurt: cell plain RNN (tanh) (−0.500 ± 0.039).');
    expect(text).toContain('No clear difference: layers 2 layers (+0.020 ± 0.024).');
    expect(text).toContain('Not judged (fewer than 2 seeds): attention window 4 (+0.100).');
    expect(text).not.toContain('attention window 16');
    expect(whatHelped(ROWS.filter((r) => r.id !== 'base'))).toMatch(/not known yet/);
    const noWinner = whatHelped(ROWS.filter((r) => r.id === 'base' || r.id === 'layers-2'));
    expect(noWinner).toContain('Helped: none.');
  });

  it('warns that the comparison is at the budget when every run used all of it', () => {
    const full = ROWS.map((r) => ({ ...r, meanEpochs: r.n > 0 ? 15 : null }));
    expect(budgetCaveat('15 epochs, early stopping with patience 8', full)).toMatch(/^Every run used its whole budget of 15 epochs/);
    const oneStopped = full.map((r, i) => (i === 0 ? { ...r, meanEpochs: 11.3 } : r));
    expect(budgetCaveat('15 epochs, early stopping with patience 8', oneStopped)).toBe('');
    expect(budgetCaveat('20 minutes per run', full)).toBe('');
  });
});
