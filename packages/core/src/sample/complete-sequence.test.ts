import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  adaptToPrimer,
  buildConditioning,
  candidateSeeds,
  completeSequence,
  ConfigError,
  initBackend,
  registerEstimator,
  Rng,
  SequenceModel,
  type SequenceData,
} from '@rnn-nade/core';
import { LogisticEstimator } from '../model/__fixtures__/logistic-estimator';
import { randomSequences, smallModel } from '../model/__fixtures__/helpers';

const D = 6;

beforeAll(async () => {
  await initBackend({ log: null });
  registerEstimator({ className: '@rnn-nade/core-test>Logistic', fromConfig: (c) => new LogisticEstimator(c as { dim: number; withBias: boolean }) });
});

/** Σ log p of a sequence's frames, from evaluate (independent of completeSequence's own scoring). */
async function total(model: SequenceModel, seq: SequenceData): Promise<number> {
  const r = await model.evaluate([seq]);
  return r.logLikelihoodPerStep * r.frames;
}

function join(a: SequenceData, b: SequenceData): SequenceData {
  return { steps: a.steps + b.steps, dim: a.dim, data: Float32Array.from([...a.data, ...b.data]) };
}

describe('completeSequence', () => {
  it('with one candidate and no adaptation is model.sample with the first derived seed', async () => {
    const model = smallModel({ inputDim: D, hidden: 7 });
    const [primer] = randomSequences(1, [9], D);
    const r = await completeSequence(model, { steps: 5, primer: primer!, seed: 11 });
    const direct = await model.sample({ steps: 5, primer: primer!, seed: new Rng(11).int(0x7fffffff) });
    expect(Array.from(r.sequence.data)).toEqual(Array.from(direct.data));
    expect(r.candidates).toHaveLength(1);
    model.dispose();
  });

  it('best of N keeps the candidate with the highest log p(continuation | primer), scored exactly', async () => {
    const model = smallModel({ inputDim: D, hidden: 7 });
    const [primer] = randomSequences(2, [8], D);
    const before = tf.memory().numTensors;
    const r = await completeSequence(model, { steps: 6, primer: primer!, seed: 3, candidates: 5 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.candidates).toHaveLength(5);
    const base = await total(model, primer!);
    for (const c of r.candidates) {
      const seq = await model.sample({ steps: 6, primer: primer!, seed: c.seed });
      expect(c.logLikelihood).toBeCloseTo((await total(model, join(primer!, seq))) - base, 4);
    }
    const best = Math.max(...r.candidates.map((c) => c.logLikelihood));
    expect(r.logLikelihood).toBe(best);
    expect(new Set(r.candidates.map((c) => c.logLikelihood)).size).toBeGreaterThan(1);
    expect((await total(model, join(primer!, r.sequence))) - base).toBeCloseTo(best, 4);
    model.dispose();
  });

  it('without a primer, best of N over given seeds keeps the candidate with the highest log p(continuation)', async () => {
    const model = smallModel({ inputDim: D, hidden: 7 });
    const seeds = candidateSeeds(5, 4);
    expect(seeds).toEqual([5, 5 + 7919, 5 + 2 * 7919, 5 + 3 * 7919]);
    const before = tf.memory().numTensors;
    const r = await completeSequence(model, { steps: 7, seeds });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.candidates.map((c) => c.seed)).toEqual(seeds);
    // score every candidate independently: plain model.sample with its seed, then evaluate
    const scores: number[] = [];
    for (const seed of seeds) scores.push(await total(model, await model.sample({ steps: 7, seed })));
    r.candidates.forEach((c, k) => {
      expect(c.logLikelihood).toBeCloseTo(scores[k]!, 4);
    });
    expect(new Set(scores).size).toBe(4);
    const k = scores.indexOf(Math.max(...scores));
    const winner = await model.sample({ steps: 7, seed: seeds[k]! });
    expect(Array.from(r.sequence.data)).toEqual(Array.from(winner.data));
    // one seed: plain model.sample with exactly that seed (candidate 0 of candidateSeeds)
    const one = await completeSequence(model, { steps: 7, seeds: candidateSeeds(5, 1) });
    expect(Array.from(one.sequence.data)).toEqual(Array.from((await model.sample({ steps: 7, seed: 5 })).data));
    model.dispose();
  });

  it('adapting to the primer raises its likelihood, and the weights are restored afterwards', async () => {
    const model = smallModel({ inputDim: D, hidden: 7 });
    const [primer] = randomSequences(4, [12], D);
    const before = await total(model, primer!);
    const weights = model.getWeights();
    const restore = await adaptToPrimer(model, primer!, { steps: 30, learningRate: 0.03 });
    const adapted = await total(model, primer!);
    expect(adapted).toBeGreaterThan(before + 1);
    restore();
    expect(await total(model, primer!)).toBeCloseTo(before, 5);
    for (const [name, w] of Object.entries(model.getWeights())) expect(Array.from(w.data)).toEqual(Array.from(weights[name]!.data));
    // through completeSequence: the weights are the same before and after the call
    await completeSequence(model, { steps: 4, primer: primer!, seed: 1, adaptSteps: 5, adaptLearningRate: 0.03 });
    expect(await total(model, primer!)).toBeCloseTo(before, 5);
    model.dispose();
  });

  it('works on a conditioned model: primer rows built from labels and startStep, continuations scored with their rows', async () => {
    const spec = {
      features: [
        { kind: 'metric' as const, stepsPerBeat: 2, beatsPerBar: 2 },
        { kind: 'label' as const, name: 'era', classes: ['a', 'b'] },
      ],
    };
    const model = SequenceModel.create({
      encoder: { inputDim: D, hidden: 5 },
      estimator: new LogisticEstimator({ dim: D, withBias: true }),
      seed: 4,
      conditioning: spec,
    });
    const [primer] = randomSequences(6, [7], D);
    const r = await completeSequence(model, { steps: 5, primer: primer!, seed: 2, candidates: 3, labels: { era: 'b' }, startStep: 1, adaptSteps: 2 });
    expect(r.sequence.conditioning?.channels).toBe(6);
    expect(r.candidates.every((c) => Number.isFinite(c.logLikelihood))).toBe(true);
    // the chosen continuation's rows: metric from step 1 + 7 = 8 on, label b
    const rows = buildConditioning(spec, { steps: 5, startStep: 8, labels: { era: 'b' } });
    expect(Array.from(r.sequence.conditioning!.data)).toEqual(Array.from(rows.data));
    model.dispose();
  });

  it('rejects bad counts and adaptation without a primer', async () => {
    const model = smallModel({ inputDim: D, hidden: 4 });
    await expect(completeSequence(model, { steps: 2, candidates: 0 })).rejects.toThrow(ConfigError);
    await expect(completeSequence(model, { steps: 2, adaptSteps: 1.5 })).rejects.toThrow(/adaptSteps must be an integer/);
    await expect(completeSequence(model, { steps: 2, adaptSteps: 3 })).rejects.toThrow(/needs a primer/);
    await expect(completeSequence(model, { steps: 2, seeds: [] })).rejects.toThrow(/at least one seed/);
    await expect(completeSequence(model, { steps: 2, seeds: [1, 2.5] })).rejects.toThrow(/seeds must be integers, got 2.5/);
    await expect(completeSequence(model, { steps: 2, seeds: [1, 2], candidates: 3 })).rejects.toThrow(/candidates is 3 but seeds holds 2 seeds/);
    expect(() => candidateSeeds(1, 0)).toThrow(/count must be an integer >= 1, got 0/);
    expect(() => candidateSeeds(0.5, 2)).toThrow(ConfigError);
    model.dispose();
  });
});
