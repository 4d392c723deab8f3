import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, getEstimatorFactory, initBackend } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-nade';
import { completionDecoding } from './decoding';
import { runCaptured as run } from '../__fixtures__/run-captured';

const repoRoot = resolve(__dirname, '../../../..');
const dataDir = process.env.RNN_NADE_DATA_DIR ? resolve(repoRoot, process.env.RNN_NADE_DATA_DIR) : resolve(repoRoot, '../shared/data');
const mozart = join(dataDir, 'classical-piano-midi/mozart/mz_545_1.mid');
const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-complete-decoding-'));
const plain = join(dir, 'plain');
const recommended = join(dir, 'recommended');

beforeAll(async () => {
  await initBackend({ log: null });
  for (const [path, completion] of [
    [plain, null],
    [recommended, { temperature: 0.5, candidates: 3, adaptSteps: 4, adaptLearningRate: 0.01 }],
  ] as const) {
    const estimator = getEstimatorFactory('nade').fromConfig({ dim: 88, hidden: 6, seed: 3 });
    const model = SequenceModel.create({ encoder: { inputDim: 88, hidden: 8 }, estimator, seed: 2 });
    await model.save(path, { metadata: { data: { low: 21, dim: 88, stepsPerQuarter: 2 }, ...(completion ? { completion } : {}) } });
    model.dispose();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('completionDecoding', () => {
  it('takes each flag given, else the model metadata, else plain sampling', () => {
    expect(completionDecoding({}, {})).toEqual({ temperature: 1, candidates: 1, stepDraws: 1, adaptSteps: 0, adaptLearningRate: 1e-3, select: 'likelihood' });
    const meta = { completion: { temperature: 0.7, candidates: 4, adaptSteps: 60, adaptLearningRate: 0.01 } };
    expect(completionDecoding({}, meta)).toEqual({
      temperature: 0.7,
      candidates: 4,
      stepDraws: 1,
      adaptSteps: 60,
      adaptLearningRate: 0.01,
      select: 'likelihood',
    });
    expect(completionDecoding({ candidates: '1', 'adapt-steps': '0' }, meta)).toEqual({
      temperature: 0.7,
      candidates: 1,
      stepDraws: 1,
      adaptSteps: 0,
      adaptLearningRate: 0.01,
      select: 'likelihood',
    });
    const consensus = { completion: { ...meta.completion, select: 'consensus' } };
    expect(completionDecoding({}, consensus).select).toBe('consensus');
    expect(completionDecoding({ select: 'likelihood' }, consensus).select).toBe('likelihood');
    expect(() => completionDecoding({ select: 'mode' }, {})).toThrow(/--select must be likelihood or consensus, got "mode"/);
    expect(() => completionDecoding({}, { completion: { select: 'mbr' } })).toThrow(
      /metadata completion.select must be "likelihood" or "consensus", got "mbr"/,
    );
    expect(() => completionDecoding({ candidates: '0' }, {})).toThrow(/--candidates must be an integer in 1..1000/);
    expect(completionDecoding({}, { completion: { stepDraws: 16 } }).stepDraws).toBe(16);
    expect(completionDecoding({ 'step-draws': '4' }, { completion: { stepDraws: 16 } }).stepDraws).toBe(4);
    expect(() => completionDecoding({ 'step-draws': '0' }, {})).toThrow(/--step-draws must be an integer in 1..1000/);
    expect(() => completionDecoding({}, { completion: { stepDraws: 2.5 } })).toThrow(/metadata completion.stepDraws must be an integer in 1..1000, got 2.5/);
    expect(() => completionDecoding({ 'adapt-lr': '-1' }, {})).toThrow(/--adapt-lr must be/);
  });
});

describe('rnn-nade complete decoding flags', () => {
  it('uses the decoding stored with the model unless flags override it, and prints it', async () => {
    const out = join(dir, 'a.json');
    const r = await run('complete', '--model', recommended, '--primer', mozart, '--bars', '1', '--steps', '6', '--seed', '2', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/decoding T=0\.5, best of 3, adapted 4 steps at lr 0\.01\)/);
    expect(JSON.parse(readFileSync(out, 'utf8')).steps).toHaveLength(6);
    const complete6 = (model: string, ...extra: string[]) =>
      run('complete', '--model', model, '--primer', mozart, '--bars', '1', '--steps', '6', '--out', out, ...extra);
    const flags = await complete6(recommended, '--candidates', '2', '--adapt-steps', '0');
    expect(flags.out).toMatch(/decoding T=0\.5, best of 2, adapted 0 steps/);
    const none = await complete6(plain);
    expect(none.out).toMatch(/decoding T=1, best of 1, adapted 0 steps/);
    const consensus = await complete6(plain, '--candidates', '3', '--select', 'consensus');
    expect(consensus.code).toBe(0);
    expect(consensus.out).toMatch(/decoding T=1, best of 3 by consensus, adapted 0 steps/);
    const stepwise = await complete6(plain, '--step-draws', '5', '--seed', '4');
    expect(stepwise.code).toBe(0);
    expect(stepwise.out).toMatch(/decoding T=1, best of 1, step-wise consensus of 5, adapted 0 steps/);
    const plainOut = readFileSync(out, 'utf8');
    await complete6(plain, '--seed', '4');
    expect(readFileSync(out, 'utf8')).not.toBe(plainOut); // the flag reaches the sampler
  });

  it('the same seed and decoding give the same continuation; the model file is not changed by adapting', async () => {
    const a = join(dir, 'x.json');
    const b = join(dir, 'y.json');
    const before = readFileSync(join(recommended, 'model.json'), 'utf8');
    expect((await run('complete', '--model', recommended, '--primer', mozart, '--bars', '2', '--steps', '8', '--seed', '5', '--out', a)).code).toBe(0);
    expect((await run('complete', '--model', recommended, '--primer', mozart, '--bars', '2', '--steps', '8', '--seed', '5', '--out', b)).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(readFileSync(join(recommended, 'model.json'), 'utf8')).toBe(before);
  });

  it('rejects a bad decoding flag with a usage error', async () => {
    const r = await run('complete', '--model', plain, '--primer', mozart, '--bars', '1', '--out', join(dir, 'z.json'), '--candidates', 'many');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--candidates must be an integer/);
  });
});
