import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@rnn-nade/core';
import { writeToyCorpus } from './__fixtures__/toy-corpus';
import { runCaptured as run } from './__fixtures__/run-captured';

const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-cli-lr-'));
const corpusFile = join(dir, 'toy.json');
writeToyCorpus(corpusFile);
const common = ['--dataset', corpusFile, '--estimator', 'bernoulli', '--hidden', '6', '--batch-size', '4', '--workers', '1', '--quiet'];

beforeAll(async () => {
  await initBackend({ log: null });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rnn-nade train --lr-schedule', () => {
  it('trains with a plateau schedule and records it in the model and the checkpoint log', async () => {
    const out = join(dir, 'plateau');
    const r = await run(
      'train',
      ...common,
      '--out',
      out,
      '--epochs',
      '3',
      '--lr-schedule',
      'plateau',
      '--lr-patience',
      '1',
      '--lr-factor',
      '0.3',
      '--min-lr',
      '1e-4',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(json.metadata.training.options.lrSchedule).toEqual({ kind: 'plateau', factor: 0.3, patience: 1, cooldown: 0, minLearningRate: 1e-4 });
    const start = JSON.parse(readFileSync(join(out, 'train-log.jsonl'), 'utf8').split('\n')[0]!);
    expect(start.options.lrSchedule).toEqual(json.metadata.training.options.lrSchedule);
  });

  it('rejects an unknown schedule and a floor above --lr, naming the flag', async () => {
    const bad = await run('train', ...common, '--out', join(dir, 'bad'), '--lr-schedule', 'linear');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--lr-schedule/);
    const floor = await run('train', ...common, '--out', join(dir, 'floor'), '--lr', '0.001', '--lr-decay', '0.9', '--min-lr', '0.01');
    expect(floor.code).not.toBe(0);
    expect(floor.err).toMatch(/minLearningRate/);
  });
});
