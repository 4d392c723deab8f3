import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ablationMarkdown, parseAblationLog, summariseAblation, type AblationRunRecord } from './ablation-log';
import { ABLATION_ROWS, runConfigOf, selectRows } from './ablation-plan';
import { ABLATION_FILES, runAblation } from './ablation-runner';
import { dataDirOrDefault } from './paths';
import { DEFAULT_RUN_CONFIG, resolveRunConfig } from './run-config';

const record = (row: string, seed: number, ll: number, epochs = 10): AblationRunRecord => ({
  id: `${row}-s${seed}`,
  row,
  seed,
  config: DEFAULT_RUN_CONFIG,
  testLogLikelihoodPerStep: ll,
  bestValidLossPerStep: -ll,
  epochs,
  stoppedEarly: false,
  seconds: 1,
  backend: 'wasm',
});

describe('ablation plan and table', () => {
  it('has every factor of issue 14, each row one change from the base', () => {
    expect(ABLATION_ROWS.map((r) => r.id)).toEqual([
      'base',
      'cell-rnn',
      'layers-2',
      'attention-4',
      'attention-16',
      'dropout-0.3',
      'dropout-0.5',
      'projection-relu',
      'transpose-keys',
    ]);
    for (const r of ABLATION_ROWS) expect(Object.keys(r.change).length).toBe(r.id === 'base' ? 0 : 1);
    expect(runConfigOf(DEFAULT_RUN_CONFIG, selectRows(['cell-rnn'])[0]!, 3)).toMatchObject({ cell: 'rnn', seed: 3, layers: 1 });
    expect(() => selectRows(['nope'])).toThrow(/Unknown ablation row "nope"; rows: base, cell-rnn/);
    // the schedule rows run only when named, and change only the schedule
    expect(selectRows(['base', 'lr-plateau', 'lr-cosine']).map((r) => r.id)).toEqual(['base', 'lr-plateau', 'lr-cosine']);
    const plateau = resolveRunConfig(runConfigOf(DEFAULT_RUN_CONFIG, selectRows(['lr-plateau'])[0]!, 1));
    expect(plateau).toMatchObject({ lrSchedule: 'plateau', lrPatience: 4, patience: 8, transposeKeys: 0 });
  });

  it('summarises mean ± sample std per row (later duplicates win) and writes the markdown table', () => {
    const recs = [record('base', 1, -6), record('base', 2, -5), record('base', 3, -4), record('cell-rnn', 1, -9, 20), record('cell-rnn', 1, -8, 30)];
    const [base, rnn, layers] = summariseAblation(selectRows(['base', 'cell-rnn', 'layers-2']), recs);
    expect(base).toMatchObject({ n: 3, mean: -5, std: 1, meanEpochs: 10 }); // std of (-6, -5, -4) with n - 1 = 1
    expect(rnn).toMatchObject({ n: 1, mean: -8, std: null, meanEpochs: 30 });
    expect(layers).toMatchObject({ n: 0, mean: null });
    const md = ablationMarkdown([base!, rnn!, layers!], { budget: '5 minutes' });
    expect(md).toContain('| base | LSTM, 1 layer, no attention, dropout 0, linear projection, no transposition | -5.000 ± 1.000 | 3 |  | 10.0 |');
    expect(md).toContain('| cell | plain RNN (tanh) | -8.000 | 1 | -3.000 | 30.0 |');
    expect(md).toContain('| layers | 2 layers | — | 0 |  | — |');
    expect(md).toContain('Budget per run: 5 minutes.');
    expect(parseAblationLog(`${JSON.stringify(recs[0])}\n{"id": "torn`)).toHaveLength(1);
  });
});

describe('ablation smoke run (real JSB, tiny budget)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ablation-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('trains 2 rows × 1 seed, skips finished runs on a rerun, and resumes an interrupted run', async () => {
    const outDir = join(root, 'out');
    const workDir = join(root, 'work');
    const base = resolveRunConfig({ hidden: 8, nadeHidden: 8, maxSequences: 4, epochs: 2, patience: 0 });
    const common = { rows: selectRows(['base', 'cell-rnn']), seeds: [1], outDir, workDir, dataDir: dataDirOrDefault(), command: 'smoke' };
    const first = await runAblation({ ...common, base });
    expect(first.map((s) => [s.id, s.n, s.meanEpochs])).toEqual([
      ['base', 1, 2],
      ['cell-rnn', 1, 2],
    ]);
    for (const s of first) expect(s.mean!).toBeLessThan(0);
    expect(first[0]!.mean).not.toBe(first[1]!.mean);
    expect(await readFile(join(outDir, ABLATION_FILES.table), 'utf8')).toContain('| cell | plain RNN (tanh) |');

    const lines: string[] = [];
    await runAblation({ ...common, base, log: (m) => lines.push(m) });
    expect(lines.filter((l) => l.includes('already in the log, skipped'))).toHaveLength(2);

    // an interrupted run: its checkpoint is there but it never reached the log -> resumed, not restarted
    await rm(join(outDir, ABLATION_FILES.log));
    expect(existsSync(join(workDir, 'base-s1/run/checkpoint.ckpt'))).toBe(true);
    const resumed: string[] = [];
    const again = await runAblation({ ...common, rows: selectRows(['base']), base: { ...base, epochs: 3 }, log: (m) => resumed.push(m) });
    expect(resumed.some((l) => l.includes('resuming'))).toBe(true);
    expect(resumed.filter((l) => / epoch \d+:/.test(l))).toHaveLength(1); // only the third epoch was trained
    expect(again[0]).toMatchObject({ n: 1, meanEpochs: 3 });
  }, 120_000);
});
