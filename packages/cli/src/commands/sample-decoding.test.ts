import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, SequenceModel, initBackend, type JsonValue, type SequenceData } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-nade';
import { drumDataSpec, parseMidi } from '@rnn-nade/data-midi/node';
import { UsageError } from '../cli-error';
import { saveDrumModel } from '../__fixtures__/drum-model';
import { runCaptured as run } from '../__fixtures__/run-captured';
import { samplingDecoding } from './decoding';

const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-sample-decoding-'));
const plain = join(dir, 'plain');
const stored = join(dir, 'stored');
const groove = join(dir, 'groove');
const badStored = join(dir, 'bad-stored');
const GM = drumDataSpec(4).pitches as number[];

/** A small drum model with the drum data spec and `extra` metadata. */
const drumModelAt = (path: string, extra: Record<string, JsonValue>, conditioned = false) =>
  saveDrumModel(path, { data: { ...drumDataSpec(4), dataset: 'toy' }, ...extra }, { conditioned });

/** The GM drum notes of every frame of a 9-class drum sequence, ascending (what the JSON roll holds). */
function gmSteps(seq: SequenceData): number[][] {
  return Array.from({ length: seq.steps }, (_, t) => GM.filter((_, j) => seq.data[t * 9 + j] === 1).sort((a, b) => a - b));
}

/** The steps of the JSON roll `rnn-nade sample` wrote. */
function rollSteps(file: string): number[][] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { steps: number[][] }).steps;
}

/** Best of `n` scored here, independently of the CLI: sample seeds seed + k·7919, evaluate each, keep the max. */
async function bestByHand(path: string, o: { steps: number; seed: number; n: number; temperature: number }) {
  const { model } = await SequenceModel.load(path);
  try {
    const scored: { seq: SequenceData; ll: number }[] = [];
    for (let k = 0; k < o.n; k++) {
      const seq = await model.sample({ steps: o.steps, seed: o.seed + k * 7919, temperature: o.temperature });
      const r = await model.evaluate([seq]);
      scored.push({ seq, ll: r.logLikelihoodPerStep * r.frames });
    }
    const best = scored.reduce((a, b) => (b.ll > a.ll ? b : a));
    return { best: best.seq, index: scored.indexOf(best), lls: scored.map((s) => s.ll) };
  } finally {
    model.dispose();
  }
}

beforeAll(async () => {
  await initBackend({ log: null });
  await drumModelAt(plain, {});
  await drumModelAt(stored, { sampling: { temperature: 0.8, candidates: 3 } });
  await drumModelAt(groove, { sampling: { temperature: 1, candidates: 4 } }, true);
  await drumModelAt(badStored, { sampling: { temperature: 1, candidates: 2.5 } });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('samplingDecoding', () => {
  it('takes each flag given, else the metadata "sampling" block, else T=1 and one candidate', () => {
    expect(samplingDecoding({}, {})).toEqual({ temperature: 1, candidates: 1, stepDraws: 1, select: 'likelihood' });
    const meta = { sampling: { temperature: 0.9, candidates: 4 }, completion: { temperature: 0.3, candidates: 8 } };
    expect(samplingDecoding({}, meta)).toEqual({ temperature: 0.9, candidates: 4, stepDraws: 1, select: 'likelihood' });
    expect(samplingDecoding({ candidates: '1' }, meta)).toEqual({ temperature: 0.9, candidates: 1, stepDraws: 1, select: 'likelihood' });
    expect(samplingDecoding({ temperature: '0.5', candidates: '2' }, meta)).toEqual({ temperature: 0.5, candidates: 2, stepDraws: 1, select: 'likelihood' });
    expect(samplingDecoding({}, { sampling: { candidates: 6 } })).toEqual({ temperature: 1, candidates: 6, stepDraws: 1, select: 'likelihood' });
    expect(samplingDecoding({ 'step-draws': '8' }, { sampling: { stepDraws: 3 } }).stepDraws).toBe(8);
  });

  it('rejects malformed flags with a UsageError and a bad stored decoding with a ConfigError, naming what is wrong', () => {
    expect(() => samplingDecoding({ candidates: '0' }, {})).toThrow(UsageError);
    expect(() => samplingDecoding({ candidates: '0' }, {})).toThrow('--candidates must be an integer in 1..1000, got "0".');
    expect(() => samplingDecoding({ candidates: '2.5' }, {})).toThrow(/--candidates must be an integer/);
    expect(() => samplingDecoding({ temperature: '0' }, {})).toThrow('--temperature must be a number > 0 and <= 100, got "0".');
    expect(() => samplingDecoding({}, { sampling: { candidates: 0 } })).toThrow(ConfigError);
    expect(() => samplingDecoding({}, { sampling: { candidates: 2.5 } })).toThrow(
      "The model's metadata sampling.candidates must be an integer in 1..1000, got 2.5.",
    );
    expect(() => samplingDecoding({}, { sampling: { temperature: '1' } })).toThrow(/metadata sampling.temperature must be a number > 0 and <= 100, got "1"/);
    expect(() => samplingDecoding({}, { sampling: 4 })).toThrow(/metadata "sampling" must be an object/);
    // a flag replaces a bad stored value only when it is given; the stored value is still checked
    expect(() => samplingDecoding({ candidates: '2' }, { sampling: { candidates: -1 } })).toThrow(ConfigError);
  });
});

describe('rnn-nade sample: best of N and the stored decoding', () => {
  it('uses the stored decoding and keeps the candidate the model finds most likely (scored independently here)', async () => {
    const before = tf.memory().numTensors;
    const indices: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const out = join(dir, `best-${seed}.json`);
      const r = await run('sample', '--model', stored, '--steps', '16', '--seed', String(seed), '--out', out);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/decoding T=0\.8, best of 3\)/);
      const byHand = await bestByHand(stored, { steps: 16, seed, n: 3, temperature: 0.8 });
      expect(new Set(byHand.lls).size).toBe(3);
      expect(rollSteps(out)).toEqual(gmSteps(byHand.best));
      indices.push(byHand.index);
    }
    // the winner is not always the first draw, so the comparison above tests the choice
    expect(indices.some((i) => i > 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('flags override the stored decoding; one candidate is plain sampling with --seed', async () => {
    const out = join(dir, 'override.json');
    const r = await run('sample', '--model', stored, '--steps', '16', '--seed', '7', '--candidates', '1', '--temperature', '0.6', '--out', out);
    expect(r.out).toMatch(/decoding T=0\.6, best of 1\)/);
    const byHand = await bestByHand(stored, { steps: 16, seed: 7, n: 1, temperature: 0.6 });
    expect(rollSteps(out)).toEqual(gmSteps(byHand.best));
    const five = await run('sample', '--model', plain, '--steps', '16', '--seed', '7', '--candidates', '5', '--out', out);
    expect(five.out).toMatch(/decoding T=1, best of 5\)/);
    expect(rollSteps(out)).toEqual(gmSteps((await bestByHand(plain, { steps: 16, seed: 7, n: 5, temperature: 1 })).best));
    const none = await run('sample', '--model', plain, '--steps', '16', '--seed', '7', '--out', out);
    expect(none.out).toMatch(/decoding T=1, best of 1\)/);
    expect(rollSteps(out)).toEqual(gmSteps((await bestByHand(plain, { steps: 16, seed: 7, n: 1, temperature: 1 })).best));
    const stepwise = await run('sample', '--model', plain, '--steps', '16', '--seed', '7', '--step-draws', '6', '--out', out);
    expect(stepwise.out).toMatch(/decoding T=1, best of 1, step-wise consensus of 6\)/);
    const { model } = await SequenceModel.load(plain);
    expect(rollSteps(out)).toEqual(gmSteps(await model.sample({ steps: 16, seed: 7, stepDraws: 6 })));
    model.dispose();
  });

  it('a conditioned drum model with a stored best of 4 writes GM drums on channel 10, the same hits as JSON', async () => {
    const mid = join(dir, 'groove.mid');
    const r = await run('sample', '--model', groove, '--steps', '32', '--seed', '2', '--label', 'type=beat', '--out', mid);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/decoding T=1, best of 4\)/);
    const notes = parseMidi(readFileSync(mid), mid).notes;
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) {
      expect(n.channel + 1).toBe(10);
      expect(GM).toContain(n.pitch);
    }
    const json = join(dir, 'groove.json');
    expect((await run('sample', '--model', groove, '--steps', '32', '--seed', '2', '--label', 'type=beat', '--out', json)).code).toBe(0);
    expect(
      rollSteps(json)
        .flat()
        .sort((a, b) => a - b),
    ).toEqual(notes.map((n) => n.pitch).sort((a, b) => a - b));
  });

  it('a bad flag exits 2 (usage), a bad stored decoding exits 1 naming the metadata key', async () => {
    const flag = await run('sample', '--model', stored, '--steps', '4', '--candidates', 'many', '--out', join(dir, 'x.json'));
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/--candidates must be an integer in 1\.\.1000, got "many"/);
    const meta = await run('sample', '--model', badStored, '--steps', '4', '--out', join(dir, 'x.json'));
    expect(meta.code).toBe(1);
    expect(meta.err).toMatch(/metadata sampling\.candidates must be an integer in 1\.\.1000, got 2\.5/);
  });
});
