import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, getEstimatorFactory, initBackend } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-nade';
import { readMidiFile } from '@rnn-nade/data-midi/node';
import { barSteps } from './complete';
import { runCaptured } from '../__fixtures__/run-captured';

const repoRoot = resolve(__dirname, '../../../..');
const dataDir = process.env.RNN_NADE_DATA_DIR ? resolve(repoRoot, process.env.RNN_NADE_DATA_DIR) : resolve(repoRoot, '../shared/data');
const mozart = join(dataDir, 'classical-piano-midi/mozart/mz_545_1.mid');
const groove = join(dataDir, 'groove-midi/drummer1/eval_session/1_funk-groove1_138_beat_4-4.mid');
const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-complete-'));
const pianoModel = join(dir, 'piano');
const drumModel = join(dir, 'drums');

const run = runCaptured;

async function tinyModel(path: string, dim: number, data: Record<string, number | boolean>) {
  const estimator = getEstimatorFactory('nade').fromConfig({ dim, hidden: 6, seed: 3 });
  const model = SequenceModel.create({ encoder: { inputDim: dim, hidden: 8 }, estimator, seed: 2 });
  await model.save(path, { metadata: { data } });
  model.dispose();
}

beforeAll(async () => {
  await initBackend({ log: null });
  await tinyModel(pianoModel, 88, { low: 21, dim: 88, stepsPerQuarter: 2 });
  await tinyModel(drumModel, 9, { low: 0, dim: 9, stepsPerQuarter: 4, drums: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('barSteps', () => {
  it('follows the first time signature, 4/4 by default', () => {
    expect(barSteps({ stepsPerQuarter: 2, timeSignatures: [] })).toBe(8);
    expect(barSteps({ stepsPerQuarter: 2, timeSignatures: [{ step: 0, numerator: 3, denominator: 4 }] })).toBe(6);
    expect(barSteps({ stepsPerQuarter: 4, timeSignatures: [{ step: 0, numerator: 6, denominator: 8 }] })).toBe(12);
  });
});

describe('rnn-nade complete', () => {
  it('primes with the first N bars of a real Mozart file at the model grid and writes the continuation', async () => {
    const before = tf.memory().numTensors;
    const out = join(dir, 'cont.json');
    const r = await run('complete', '--model', pianoModel, '--primer', mozart, '--bars', '2', '--steps', '10', '--seed', '4', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/primed with 16 steps = 2 bar\(s\) of 8 steps, 10 new steps/);
    const roll = JSON.parse(readFileSync(out, 'utf8'));
    expect(roll.stepsPerQuarter).toBe(2);
    expect(roll.steps).toHaveLength(10);
    for (const s of roll.steps) for (const p of s) expect(p >= 21 && p <= 108).toBe(true);
    // --include-primer: the first 16 steps are the file's own first two bars, quantised independently.
    const withPrimer = join(dir, 'full.json');
    expect(
      (await run('complete', '--model', pianoModel, '--primer', mozart, '--bars', '2', '--steps', '10', '--seed', '4', '--include-primer', '--out', withPrimer))
        .code,
    ).toBe(0);
    const full = JSON.parse(readFileSync(withPrimer, 'utf8'));
    const source = await readMidiFile(mozart, { stepsPerQuarter: 2 });
    expect(full.steps.slice(0, 16)).toEqual(source.steps.slice(0, 16));
    expect(full.steps.slice(16)).toEqual(roll.steps); // same seed, same continuation
    expect(tf.memory().numTensors).toBe(before);
  });

  it('writes MIDI at the primer tempo; default length = the primer length', async () => {
    const out = join(dir, 'cont.mid');
    const r = await run('complete', '--model', pianoModel, '--primer', mozart, '--bars', '1', '--out', out, '--temperature', '1.5');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/8 new steps/);
    const back = await readMidiFile(out, { stepsPerQuarter: 2 });
    const src = await readMidiFile(mozart, { stepsPerQuarter: 2 });
    expect(back.steps.length).toBeLessThanOrEqual(8);
    expect(back.tempos[0]!.bpm).toBeCloseTo(src.tempos.filter((t) => t.step <= 8).pop()!.bpm, 3);
  });

  it('continues a drum groove with a drum model on channel 10', async () => {
    const out = join(dir, 'groove.mid');
    const r = await run('complete', '--model', drumModel, '--primer', groove, '--bars', '1', '--steps', '32', '--seed', '1', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/primed with 16 steps/);
    const back = await readMidiFile(out, { drums: true, stepsPerQuarter: 4 });
    expect(back.report!.notesRead).toBeGreaterThan(0); // a small random model still hits something in 32 steps at T=1
    expect(back.steps.length).toBeLessThanOrEqual(32);
  });

  it('works with the committed models/style-completion on any piano file', async () => {
    const committed = join(repoRoot, 'models/style-completion');
    if (!existsSync(join(committed, 'model.json'))) throw new Error('models/style-completion is missing');
    const other = join(dataDir, 'classical-piano-midi/chopin/chpn-p1.mid'); // not Mozart, not Bach
    const out = join(dir, 'chopin.mid');
    const r = await run('complete', '--model', committed, '--primer', other, '--bars', '4', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 4).toString('latin1')).toBe('MThd');
  });

  it('bad input: one-line errors and the right exit codes', async () => {
    const text = join(dir, 'notes.mid');
    writeFileSync(text, 'this is not a MIDI file\n');
    const bad = await run('complete', '--model', pianoModel, '--primer', text, '--bars', '2', '--out', join(dir, 'x.mid'));
    expect(bad.code).toBe(1);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('notes.mid');
    expect((await run('complete', '--model', pianoModel, '--primer', mozart, '--out', join(dir, 'x.mid'))).code).toBe(2);
    expect((await run('complete', '--model', pianoModel, '--primer', mozart, '--bars', '0', '--out', join(dir, 'x.mid'))).code).toBe(2);
    expect((await run('complete', '--model', pianoModel, '--primer', join(dir, 'roll.json'), '--bars', '1', '--out', join(dir, 'x.mid'))).code).toBe(2);
    const missing = await run('complete', '--model', join(dir, 'nope'), '--primer', mozart, '--bars', '1', '--out', join(dir, 'x.mid'));
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
  });
});
