import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildConditioning,
  ConditioningError,
  ConfigError,
  initBackend,
  makeBatches,
  ModelFileError,
  Rng,
  SequenceModel,
  train,
  type ConditioningSpec,
  type SequenceData,
} from '@rnn-nade/core/node';
import { disposeState, sealModelDocument } from '@rnn-nade/core/advanced';
import { LogisticEstimator, registerLogisticEstimator } from '../model/__fixtures__/logistic-estimator';
import { randomSequences, stepParams } from '../model/__fixtures__/helpers';

const D = 4;
const spec: ConditioningSpec = {
  features: [
    { kind: 'metric', stepsPerBeat: 2, beatsPerBar: 2 },
    { kind: 'label', name: 'style', classes: ['a', 'b', 'c'] },
    { kind: 'user', name: 'u', channels: 1 },
  ],
};
const C = 8;
let dir: string;

beforeAll(async () => {
  await initBackend({ log: null });
  registerLogisticEstimator();
  dir = await mkdtemp(join(tmpdir(), 'rnn-nade-cond-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const model = (encoder: object = {}, conditioning: ConditioningSpec | null = spec, seed = 3) =>
  SequenceModel.create({
    encoder: { inputDim: D, hidden: 5, layers: 2, attentionWindow: 3, projectionHidden: 4, ...encoder },
    estimator: new LogisticEstimator({ dim: D, withBias: true }),
    conditioning: conditioning ?? undefined,
    seed,
  });

/** Sequences with conditioning rows built from the spec (random style and user values). */
function conditioned(seed: number, lengths: number[]): SequenceData[] {
  const rng = new Rng(seed + 1);
  return randomSequences(seed, lengths, D).map((s) => ({
    ...s,
    conditioning: buildConditioning(spec, {
      steps: s.steps,
      startStep: rng.int(4),
      labels: { style: ['a', 'b', 'c'][rng.int(3)]! },
      user: { u: Float32Array.from({ length: s.steps }, () => rng.next() * 2 - 1) },
    }),
  }));
}

describe('a conditioned SequenceModel', () => {
  it('reads inputDim + channels values per step in its first layer only', () => {
    const before = tf.memory().numTensors;
    const m = model();
    expect(m.encoderConfig.conditioningChannels).toBe(C);
    expect(m.conditioning).toEqual(spec);
    expect(m.weightShapes()['encoder/lstm0/kernel']).toEqual([D + C, 20]);
    expect(m.weightShapes()['encoder/lstm1/kernel']).toEqual([5, 20]);
    m.dispose();
    const plain = model({}, null);
    expect(plain.conditioning).toBeNull();
    expect('conditioningChannels' in plain.encoderConfig).toBe(false);
    expect(plain.weightShapes()['encoder/lstm0/kernel']).toEqual([D, 20]);
    plain.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => model({ conditioningChannels: 3 })).toThrow(ConfigError);
  });

  it.each(['lstm', 'rnn'] as const)('is causal (%s): rows after t never change the params of step t; row t does', (cell) => {
    const before = tf.memory().numTensors;
    const m = model({ cell });
    const [seq] = conditioned(5, [8]);
    const base = stepParams(m, seq!);
    const P = D;
    for (const t of [0, 3, 6]) {
      const changed = Float32Array.from(seq!.conditioning!.data);
      for (let i = t * C; i < changed.length; i++) changed[i] = 1 - changed[i]!; // flip rows t..T-1
      const after = stepParams(m, { ...seq!, conditioning: { channels: C, data: changed } });
      expect([...after.subarray(0, t * P)]).toEqual([...base.subarray(0, t * P)]);
      const diff = Math.max(...after.subarray(t * P, (t + 1) * P).map((v, i) => Math.abs(v - base[t * P + i]!)));
      expect(diff).toBeGreaterThan(1e-4);
    }
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails with ConditioningError on missing or wrong-width conditioning (batches, evaluate, train, mixed data)', async () => {
    const before = tf.memory().numTensors;
    const m = model();
    const plain = randomSequences(1, [5, 6], D);
    const [batch] = makeBatches(plain, { batchSize: 2 });
    expect(() => m.batchLoss(batch!, { training: false, rng: new Rng(0) })).toThrow(ConditioningError);
    const narrow = plain.map((s) => ({ ...s, conditioning: { channels: 2, data: new Float32Array(s.steps * 2) } }));
    const [narrowBatch] = makeBatches(narrow, { batchSize: 2 });
    expect(() => m.batchLoss(narrowBatch!, { training: false, rng: new Rng(0) })).toThrow(
      /conditioned on 8 channels \(metric, label:style, user:u\) but the batch has 2/,
    );
    await expect(m.evaluate(plain)).rejects.toThrow(/sequence 0 has no conditioning/);
    await expect(train(m, { train: plain, valid: [] }, { epochs: 1, progress: 'none', workers: 1 })).rejects.toThrow(ConditioningError);
    expect(() => makeBatches([...conditioned(2, [4]), ...plain], { batchSize: 3 })).toThrow(ConditioningError);
    await expect(m.sample({ steps: 3, labels: { style: 'z' }, user: { u: new Float32Array(3) } })).rejects.toThrow(/no class "z"/);
    await expect(m.sample({ steps: 3, labels: { style: 'a' } })).rejects.toThrow(/user feature "u" needs its array/);
    await expect(m.sample({ steps: 3, primer: plain[0]!, labels: { style: 'a' }, user: { u: new Float32Array(3) } })).rejects.toThrow(
      /give the primer its rows as primer.conditioning/,
    );
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an unconditioned model ignores the conditioning its sequences carry', async () => {
    const plainModel = model({}, null);
    const seqs = conditioned(4, [6, 3]);
    const stripped = seqs.map(({ steps, dim, data }) => ({ steps, dim, data }));
    expect((await plainModel.evaluate(seqs)).logLikelihoodPerStep).toBe((await plainModel.evaluate(stripped)).logLikelihoodPerStep);
    plainModel.dispose();
  });
});

describe('conditioned model files', () => {
  it('save then load gives the same log-likelihood and samples; the spec is in model.json under the checksum', async () => {
    const before = tf.memory().numTensors;
    const m = model();
    const test = conditioned(7, [9, 5, 12]);
    const path = join(dir, 'cond');
    await m.save(path);
    const { model: copy } = await SequenceModel.load(path);
    expect(copy.conditioning).toEqual(spec);
    const [a, b] = [await m.evaluate(test), await copy.evaluate(test)];
    expect(b.logLikelihoodPerStep).toBe(a.logLikelihoodPerStep);
    const options = { steps: 6, seed: 2, labels: { style: 'b' }, user: { u: Float32Array.from([0.1, -0.4, 0.9, 0, 0.3, -1]) } };
    expect([...(await copy.sample(options)).data]).toEqual([...(await m.sample(options)).data]);
    copy.dispose();

    const json = JSON.parse(await readFile(join(path, 'model.json'), 'utf8'));
    expect(json.model.encoder.conditioningChannels).toBe(C);
    expect(json.model.conditioning).toEqual(spec);
    expect(json.model.conditioningInput).toMatch(/conditioning row t/);
    const edited = structuredClone(json);
    edited.model.conditioning.features[1].classes = ['b', 'a', 'c'];
    await writeFile(join(path, 'model.json'), JSON.stringify(edited));
    await expect(SequenceModel.load(path)).rejects.toMatchObject({ reason: 'CHECKSUM_MISMATCH' });
    const wrongWidth = structuredClone(json);
    wrongWidth.model.conditioning.features[1].classes = ['a', 'b'];
    await writeFile(join(path, 'model.json'), JSON.stringify(await sealModelDocument(wrongWidth)));
    const error = await SequenceModel.load(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).reason).toBe('MALFORMED_JSON');
    expect((error as Error).message).toMatch(/7 channels but model.encoder.conditioningChannels is 8/);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an unconditioned model file has no conditioning fields', async () => {
    const m = model({}, null);
    const { modelJson } = await m.toArtifacts();
    const json = JSON.parse(modelJson);
    expect(json.model.conditioning).toBeUndefined();
    expect(json.model.conditioningInput).toBeUndefined();
    expect(Object.keys(json.model.encoder).sort()).toEqual(['attentionWindow', 'cell', 'dropout', 'hidden', 'inputDim', 'layers', 'projectionHidden']);
    m.dispose();
  });
});

describe('sampling a conditioned model', () => {
  it('builds rows for generated steps from the spec; fast and tensor paths agree; rows are returned', async () => {
    const before = tf.memory().numTensors;
    const m = model();
    const [primer] = conditioned(8, [5]);
    const u = Float32Array.from({ length: 7 }, (_, i) => Math.sin(i));
    const options = { steps: 7, primer, seed: 4, startStep: 3, labels: { style: 'c' }, user: { u } };
    const fast = await m.sample({ ...options, path: 'fast' });
    const tensor = await m.sample({ ...options, path: 'tensor' });
    expect([...fast.data]).toEqual([...tensor.data]);
    const rows = buildConditioning(spec, { steps: 7, startStep: 3 + 5, labels: { style: 'c' }, user: { u } });
    expect([...fast.conditioning!.data]).toEqual([...rows.data]);
    const explicit = await m.sample({ steps: 7, primer, seed: 4, conditioning: rows });
    expect([...explicit.data]).toEqual([...fast.data]);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('training a conditioned model', () => {
  it('learns what only the conditioning predicts: frame dim 0 = (user value > 0), i.i.d. per step', async () => {
    const uSpec: ConditioningSpec = { features: [{ kind: 'user', name: 'u', channels: 1 }] };
    const rng = new Rng(12);
    const make = (n: number): SequenceData[] =>
      Array.from({ length: n }, () => {
        const steps = 10;
        const u = Float32Array.from({ length: steps }, () => rng.next() * 2 - 1);
        const data = new Float32Array(steps * 2);
        u.forEach((v, t) => {
          data[t * 2] = v > 0 ? 1 : 0;
          data[t * 2 + 1] = rng.next() < 0.5 ? 1 : 0;
        });
        return { steps, dim: 2, data, conditioning: { channels: 1, data: u } };
      });
    const data = { train: make(32), valid: make(8) };
    const test = make(16);
    const fit = async (conditioning?: ConditioningSpec) => {
      const m = SequenceModel.create({
        encoder: { inputDim: 2, hidden: 6 },
        estimator: new LogisticEstimator({ dim: 2, withBias: true }),
        conditioning,
        seed: 1,
      });
      await train(m, data, { epochs: 40, batchSize: 8, learningRate: 0.05, seed: 1, progress: 'none', earlyStopping: false, workers: 1 });
      const ll = (await m.evaluate(test)).logLikelihoodPerStep;
      m.dispose();
      return ll;
    };
    const withU = await fit(uSpec);
    const without = await fit();
    // without the conditioning both dims are coin flips: 2 ln 0.5 = -1.386 per step at best
    expect(without).toBeLessThan(-1.3);
    // with it dim 0 becomes (nearly) certain: ln 0.5 = -0.693 at best
    expect(withU).toBeGreaterThan(without + 0.4);
  });
});

describe('gradient of the conditioning input weights', () => {
  it.each(['lstm', 'rnn'] as const)('matches central finite differences (%s, float32, eps 1e-2)', (cell) => {
    const m = model({ cell, attentionWindow: 0 });
    const seqs = conditioned(9, [6, 4]);
    const [batch] = makeBatches(seqs, { batchSize: 2 });
    const kernel = m.variables[`encoder/${cell}0/kernel`]!;
    const lossValue = () =>
      tf.tidy(() => {
        const r = m.batchLoss(batch!, { training: false, rng: new Rng(0) });
        disposeState(r.finalState);
        return r.loss.dataSync()[0]!;
      });
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => {
      const r = m.batchLoss(batch!, { training: false, rng: new Rng(0) });
      disposeState(r.finalState);
      return r.loss;
    }, [kernel]);
    const g = grads[kernel.name]!.dataSync() as Float32Array;
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    const original = kernel.dataSync() as Float32Array;
    const Z = kernel.shape[1]!;
    const pick = new Rng(4);
    let nonZero = 0;
    for (let trial = 0; trial < 6; trial++) {
      const i = (D + pick.int(C)) * Z + pick.int(Z); // a weight of a conditioning channel
      const at = (v: number) => {
        const copy = Float32Array.from(original);
        copy[i] = v;
        tf.tidy(() => kernel.assign(tf.tensor(copy, kernel.shape)));
        return lossValue();
      };
      const eps = 1e-2;
      const fd = (at(original[i]! + eps) - at(original[i]! - eps)) / (2 * eps);
      tf.tidy(() => kernel.assign(tf.tensor(original, kernel.shape)));
      expect(Math.abs(g[i]! - fd), `kernel[${i}]: analytic ${g[i]} vs fd ${fd}`).toBeLessThan(3e-3 * Math.max(1, Math.abs(fd)));
      if (Math.abs(fd) > 1e-3) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(2);
    m.dispose();
  });
});
