/**
 * Reliability: model files. Every damaged or inconsistent model folder — made here from a small
 * saved model — fails with a typed error before the loader allocates what the file claims, and
 * nothing wrong loads silently (NaN weights, swapped tensor offsets, impossible metadata).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ModelFileError, Rng, SequenceModel, initBackend, readModelDir, type JsonValue } from '@rnn-nade/core/node';
import { rnade } from '@rnn-nade/estimator-rnade';
import { runCaptured } from '../packages/cli/src/__fixtures__/run-captured';
import { randomBinary, readDoc, rewriteWeights, rssMb, saveSmallModel, typedError, writeDoc } from './fixtures/saved-model';

const root = mkdtempSync(join(tmpdir(), 'rnn-nade-rel-model-'));
let n = 0;
const fresh = async (options: Parameters<typeof saveSmallModel>[1] = {}) => {
  const dir = join(root, `m${n++}`);
  await saveSmallModel(dir, options);
  return dir;
};
const reason = async (dir: string) => (await typedError(SequenceModel.load(dir))).reason;

beforeAll(async () => {
  await initBackend({ log: null });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('declared sizes are checked against the real bytes and the config before allocating', () => {
  it('a 4 KB model.json claiming hidden: 8000 (or 10^9) fails with SHAPE_MISMATCH at no memory cost', async () => {
    for (const hidden of [8000, 1e9]) {
      const dir = await fresh();
      const doc = await readDoc(dir);
      doc.model.encoder.hidden = hidden;
      await writeDoc(dir, doc, { reseal: true });
      const rss0 = rssMb();
      const t0 = performance.now();
      const error = await typedError(SequenceModel.load(dir));
      expect(error.reason).toBe('SHAPE_MISMATCH');
      expect(error.message).toMatch(/encoder\/lstm0\/kernel/);
      expect(performance.now() - t0).toBeLessThan(5000); // hang guard
      expect(rssMb() - rss0).toBeLessThan(200); // was 2.1 GB for hidden 8000
    }
  });

  it('manifest shapes beyond the bytes, overlapping entries, trailing bytes and an absurd estimator dim are typed errors', async () => {
    const dir = await fresh();
    const good = await readDoc(dir);
    const variants: Array<[string, (d: typeof good) => void]> = [
      [
        'SHAPE_MISMATCH',
        (d) => {
          d.weights.entries[0].shape = [1e6, 1e6];
          d.weights.entries[0].byteLength = 4e12;
        },
      ],
      [
        'TRUNCATED_WEIGHTS',
        (d) => {
          d.weights.entries.at(-1).shape = [600];
          d.weights.entries.at(-1).byteLength = 2400;
        },
      ],
      [
        'SHAPE_MISMATCH',
        (d) => {
          d.weights.entries[1].byteOffset = d.weights.entries[0].byteOffset;
        },
      ],
      ['MALFORMED_JSON', (d) => (d.weights.entries[0].shape = [-1, 16])],
      ['MALFORMED_JSON', (d) => (d.weights.entries[0].byteOffset = 2)],
      ['SHAPE_MISMATCH', (d) => (d.estimator.config.dim = 1e9)],
      ['MISSING_WEIGHTS', (d) => (d.model.encoder.layers = 1e9)],
      ['MISSING_WEIGHTS', (d) => (d.model.encoder.projectionHidden = 1e9)],
    ];
    for (const [expected, edit] of variants) {
      const doc = structuredClone(good);
      edit(doc);
      await writeDoc(dir, doc, { reseal: true });
      const rss0 = rssMb();
      expect(await reason(dir)).toBe(expected);
      expect(rssMb() - rss0).toBeLessThan(200);
    }
    await writeDoc(dir, good, { reseal: false });
    const weights = join(dir, good.weights.file);
    await writeFile(weights, Buffer.concat([await readFile(weights), Buffer.alloc(8)]));
    expect(await reason(dir)).toBe('SHAPE_MISMATCH'); // bytes the manifest does not describe
  });
});

describe('nothing wrong loads silently', () => {
  it('swapped tensor offsets in model.json fail the checksum (they used to load and score -61.3)', async () => {
    const dir = await fresh({ dim: 4, hidden: 4 }); // kernel and recurrentKernel are both [4, 16]
    const doc = await readDoc(dir);
    const [a, b] = ['encoder/lstm0/kernel', 'encoder/lstm0/recurrentKernel'].map((name) => doc.weights.entries.find((e: { name: string }) => e.name === name));
    [a.byteOffset, b.byteOffset] = [b.byteOffset, a.byteOffset];
    await writeDoc(dir, doc, { reseal: false });
    const error = await typedError(SequenceModel.load(dir));
    expect(error.reason).toBe('CHECKSUM_MISMATCH');
    expect(error.message).toContain('model.json');
  });

  it('NaN and infinite weights are refused, naming the tensor', async () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const dir = await fresh();
      const doc = await readDoc(dir);
      const entry = doc.weights.entries.find((e: { name: string }) => e.name === 'projection/output/bias');
      await rewriteWeights(dir, doc, (view) => view.setFloat32(entry.byteOffset + 4, bad, true));
      await writeDoc(dir, doc, { reseal: true });
      const error = await typedError(SequenceModel.load(dir));
      expect(error.reason).toBe('NON_FINITE_WEIGHTS');
      expect(error.message).toContain('"projection/output/bias"');
      expect(error.message).toContain('index 1');
    }
  });

  it('impossible metadata (pitch range outside 0..127, steps per quarter, data kind, dim) is refused', async () => {
    const cases: Array<Record<string, unknown>> = [
      { low: 202 },
      { low: -1 },
      { low: 125 },
      { low: 2.5 },
      { stepsPerQuarter: 0 },
      { stepsPerQuarter: 1e9 },
      { stepsPerQuarter: 'x' },
      { kind: 'text' },
      { kind: 7 },
      { dim: 88 },
      { low: 60, high: 70 },
      { drums: 'yes' },
    ];
    for (const data of cases) {
      const dir = await fresh({ metadata: { data: { dataset: 'generated', ...data } as never } });
      const error = await typedError(SequenceModel.load(dir));
      expect(error.reason, JSON.stringify(data)).toBe('INVALID_METADATA');
      expect(error.message).toMatch(new RegExp(Object.keys(data)[0] === 'high' ? 'high' : Object.keys(data)[0]!));
    }
    // valid edge cases load
    for (const data of [{ low: 122 }, { low: 0, stepsPerQuarter: null }, { drums: true, low: 0 }] as Array<Record<string, JsonValue>>) {
      const { model } = await SequenceModel.load(await fresh({ metadata: { data } }));
      model.dispose();
    }
  });

  it('random damage to model.json or the weights is either harmless or a typed error, each within a time bound', async () => {
    const dir = await fresh();
    const text = await readFile(join(dir, 'model.json'), 'utf8');
    const doc = JSON.parse(text);
    const weightsPath = join(dir, doc.weights.file);
    const weights = await readFile(weightsPath);
    const rng = new Rng(16);
    const counts = { typed: 0, loaded: 0 };
    for (let i = 0; i < 60; i++) {
      let t = text;
      const w = Buffer.from(weights);
      const at = Math.floor(rng.next() * t.length);
      const kind = i % 4;
      if (kind === 0) t = t.slice(0, at) + String.fromCharCode(32 + Math.floor(rng.next() * 90)) + t.slice(at + 1);
      else if (kind === 1) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rng.next() * 40));
      else if (kind === 2) t = t.slice(0, at) + t.slice(Math.floor(rng.next() * t.length));
      else {
        const k = Math.floor(rng.next() * w.length);
        w[k] = w[k]! ^ (1 + Math.floor(rng.next() * 255));
      }
      await writeFile(join(dir, 'model.json'), t);
      await writeFile(weightsPath, w);
      const t0 = performance.now();
      const outcome = await SequenceModel.load(dir).then(
        ({ model }) => {
          model.dispose();
          return 'loaded' as const;
        },
        (e: unknown) => {
          expect(e, `mutation ${i}`).toBeInstanceOf(ModelFileError);
          return 'typed' as const;
        },
      );
      counts[outcome]++;
      expect(performance.now() - t0).toBeLessThan(5000);
    }
    expect(counts.typed + counts.loaded).toBe(60);
    expect(counts.typed).toBeGreaterThan(50); // the checksums catch nearly every change
  });
});

describe('format 1 (before the checksum) stays readable', () => {
  it('a format-1 folder loads the same weights and scores exactly as its format-2 twin', async () => {
    const dir = await fresh();
    const { model: v2 } = await SequenceModel.load(dir);
    const doc = await readDoc(dir);
    delete doc.checksum;
    doc.formatVersion = 1;
    await writeDoc(dir, doc, { reseal: false });
    const { model: v1 } = await SequenceModel.load(dir);
    const seqs = randomBinary(3, 3, 7, 6);
    expect((await v1.evaluate(seqs)).logLikelihoodPerStep).toBe((await v2.evaluate(seqs)).logLikelihoodPerStep);
    v1.dispose();
    v2.dispose();
  });

  it('every committed model folder is a valid format-2 folder', async () => {
    const repo = resolve(import.meta.dirname, '..');
    const folders = [
      'jsb-rnn-nade',
      'jsb-rnn-bernoulli',
      'jsb-rnn-rbm',
      'nottingham-rnn-nade',
      'piano-midi-de-rnn-nade',
      'musedata-rnn-nade',
      'groove-drums',
      'style-completion',
      'style-completion/pretrained',
      'wikitext-rnn-rnade',
      'wikitext-rnn-rnade/independent-rnade',
    ];
    for (const f of folders) {
      const dir = join(repo, 'models', f);
      expect((await readDoc(dir)).formatVersion, f).toBe(2);
      await readModelDir(dir);
    }
  });
});

describe('sample never writes what the model is not', () => {
  it('a word-vector model refuses --out x.mid / x.svg (it used to write JSON into a .mid file)', async () => {
    const dir = join(root, 'text-model');
    const model = SequenceModel.create({ encoder: { inputDim: 4, hidden: 4 }, estimator: rnade({ dim: 4, hidden: 3, components: 2 }), seed: 1 });
    await model.save(dir, { metadata: { data: { kind: 'text', dim: 4 } } });
    model.dispose();
    for (const out of ['x.mid', 'y.MIDI', 'z.svg']) {
      const { code, err } = await runCaptured('sample', '--model', dir, '--steps', '3', '--out', join(root, out));
      expect(code).toBe(2);
      expect(err).toMatch(/word-vector model/);
      expect(existsSync(join(root, out))).toBe(false);
    }
  });

  it('the committed text model refuses --out x.mid too', async () => {
    const out = join(root, 'wiki.mid');
    const { code, err } = await runCaptured('sample', '--model', resolve(import.meta.dirname, '../models/wikitext-rnn-rnade'), '--steps', '3', '--out', out);
    expect(code).toBe(2);
    expect(err).toMatch(/is a word-vector model/);
    expect(existsSync(out)).toBe(false);
  });

  it('a binary model whose pitch range leaves 0..127 cannot be loaded, so sample writes nothing', async () => {
    const dir = await fresh({ metadata: { data: { low: 126 } } });
    const out = join(root, 'high.mid');
    const { code, err } = await runCaptured('sample', '--model', dir, '--steps', '3', '--out', out);
    expect(code).toBe(1);
    expect(err).toMatch(/pitches 126\.\.131, outside MIDI's 0\.\.127/);
    expect(existsSync(out)).toBe(false);
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(0);
  });
});
