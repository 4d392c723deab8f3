import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelFileError, readModelDir, writeModelDir, writeFileAtomic } from '@rnn-nade/core/node';
import { expectTensorShapes } from '@rnn-nade/core/advanced';

const tensors = () => ({
  'encoder/w': { shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 0, 1e-7, -1e30]) },
  'estimator/b': { shape: [4], data: Float32Array.from([0.25, 0.5, 0.75, 1]) },
  empty: { shape: [0, 5], data: new Float32Array(0) },
});

async function expectReason(p: Promise<unknown>, reason: string): Promise<ModelFileError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelFileError);
  expect((error as ModelFileError).reason).toBe(reason);
  return error as ModelFileError;
}

describe('model directories', () => {
  let dir: string;
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'rnn-nade-io-')), 'model');
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('round-trips JSON and tensors exactly, with a manifest other tools can read', async () => {
    await writeModelDir(dir, { model: { hidden: 8 }, note: 'x' }, tensors());
    const { json, tensors: back } = await readModelDir(dir);
    expect(json).toEqual({ model: { hidden: 8 }, note: 'x' });
    for (const [name, t] of Object.entries(tensors())) {
      expect(back[name]!.shape).toEqual(t.shape);
      expect(Array.from(back[name]!.data)).toEqual(Array.from(t.data));
    }
    const doc = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(doc.format).toBe('rnn-nade-model');
    expect(doc.formatVersion).toBe(2);
    expect(doc.checksum.algorithm).toBe('sha256');
    expect(doc.weights.layout).toBe('row-major');
    // Independent decode of one entry from the raw bytes, as a NumPy reader would.
    const raw = await readFile(join(dir, doc.weights.file));
    const e = doc.weights.entries.find((x: { name: string }) => x.name === 'estimator/b');
    expect(raw.readFloatLE(e.byteOffset + 8)).toBe(0.75);
    expect(raw.length).toBe((6 + 4) * 4);
  });

  it('keeps other files and replaces the weights file on re-save', async () => {
    await writeModelDir(dir, { v: 1 }, tensors());
    await writeFile(join(dir, 'train-log.jsonl'), '{}\n');
    const t = tensors();
    t['estimator/b'].data[0] = 42;
    await writeModelDir(dir, { v: 2 }, t);
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(files).toContain('train-log.jsonl');
    expect((await readModelDir(dir)).tensors['estimator/b']!.data[0]).toBe(42);
  });

  it('a crash after writing new weights but before model.json leaves the old model loadable', async () => {
    await writeModelDir(dir, { v: 1 }, tensors());
    // Simulate the first half of a save: a new weights file appears, model.json is old.
    await writeFileAtomic(join(dir, 'weights-0123456789abcdef.bin'), new Uint8Array(12));
    const { json } = await readModelDir(dir);
    expect(json).toEqual({ v: 1 });
  });

  it('refuses a tensor whose data does not match its shape, leaving the saved model intact', async () => {
    await writeModelDir(dir, { v: 1 }, tensors());
    await expectReason(writeModelDir(dir, { v: 2 }, { bad: { shape: [3], data: new Float32Array(2) } }), 'SHAPE_MISMATCH');
    expect((await readModelDir(dir)).json).toEqual({ v: 1 });
  });

  it('reports a missing directory and a missing model.json', async () => {
    await expectReason(readModelDir(join(dir, 'nope')), 'NOT_FOUND');
    await writeModelDir(dir, {}, tensors());
    await rm(join(dir, 'model.json'));
    await expectReason(readModelDir(dir), 'NOT_FOUND');
  });

  it('reports malformed JSON, foreign JSON and a bad manifest', async () => {
    await writeModelDir(dir, {}, tensors());
    await writeFile(join(dir, 'model.json'), '{"format": "rnn-nade-model", ');
    await expectReason(readModelDir(dir), 'MALFORMED_JSON');
    await writeFile(join(dir, 'model.json'), '{"hello": 1}');
    await expectReason(readModelDir(dir), 'MALFORMED_JSON');
    await writeFile(join(dir, 'model.json'), '[1,2]');
    await expectReason(readModelDir(dir), 'MALFORMED_JSON');
    await writeFile(join(dir, 'model.json'), JSON.stringify({ format: 'rnn-nade-model', formatVersion: 1, weights: { file: '../x' } }));
    await expectReason(readModelDir(dir), 'UNSAFE_PATH');
    await writeFile(join(dir, 'model.json'), JSON.stringify({ format: 'rnn-nade-model', formatVersion: 1, weights: { file: 'w.bin' } }));
    await expectReason(readModelDir(dir), 'MALFORMED_JSON');
  });

  it('reports an unsupported format version', async () => {
    await writeModelDir(dir, {}, tensors());
    const doc = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    await writeFile(join(dir, 'model.json'), JSON.stringify({ ...doc, formatVersion: 99 }));
    const e = await expectReason(readModelDir(dir), 'UNSUPPORTED_VERSION');
    expect(e.message).toContain('99');
  });

  it('reports missing, truncated and corrupted weights', async () => {
    await writeModelDir(dir, {}, tensors());
    const doc = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    const weights = join(dir, doc.weights.file);
    const good = await readFile(weights);
    await truncate(weights, 10);
    await expectReason(readModelDir(dir), 'TRUNCATED_WEIGHTS');
    const flipped = Buffer.from(good);
    flipped[3] = flipped[3]! ^ 0xff;
    await writeFile(weights, flipped);
    await expectReason(readModelDir(dir), 'TRUNCATED_WEIGHTS');
    await rm(weights);
    await expectReason(readModelDir(dir), 'MISSING_WEIGHTS');
  });

  it('reports a manifest whose byteLength disagrees with the shape', async () => {
    await writeModelDir(dir, {}, tensors());
    const doc = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    doc.weights.entries[0].shape = [3, 3];
    await writeFile(join(dir, 'model.json'), JSON.stringify(doc));
    await expectReason(readModelDir(dir), 'SHAPE_MISMATCH');
  });

  it('expectTensorShapes names the weight at fault', () => {
    const t = tensors();
    expect(() => expectTensorShapes(dir, t, { 'encoder/w': [2, 3] })).not.toThrow();
    expect(() => expectTensorShapes(dir, t, { 'encoder/w': [3, 2] })).toThrow(/encoder\/w.*\[2,3\].*\[3,2\]/);
    expect(() => expectTensorShapes(dir, t, { missing: [1] })).toThrow(ModelFileError);
  });
});
