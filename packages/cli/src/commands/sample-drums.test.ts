import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type JsonValue } from '@rnn-nade/core/node';
import { DRUM_CLASS_GM_NOTES, drumDataSpec, parseMidi } from '@rnn-nade/data-midi/node';
import { saveDrumModel } from '../__fixtures__/drum-model';
import { runCaptured as run } from '../__fixtures__/run-captured';

const repoRoot = resolve(__dirname, '../../../..');
const dataDir = process.env.RNN_NADE_DATA_DIR ? resolve(repoRoot, process.env.RNN_NADE_DATA_DIR) : resolve(repoRoot, '../shared/data');
const groove = join(dataDir, 'groove-midi/drummer1/eval_session/1_funk-groove1_138_beat_4-4.mid');
const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-sample-drums-'));
const drumModel = join(dir, 'drums');
const legacyModel = join(dir, 'legacy');
const conditionedModel = join(dir, 'conditioned');
/** A small drum model with `data` as its data spec. */
const drumModelAt = (path: string, data: Record<string, JsonValue>, options: { conditioned?: boolean } = {}) => saveDrumModel(path, { data }, options);

/** Every note of a MIDI file as [channel (1-based), pitch]. */
function notesOf(file: string): [number, number][] {
  return parseMidi(readFileSync(file), file).notes.map((n) => [n.channel + 1, n.pitch]);
}

/** The notes of a MIDI file, checked to be non-empty GM drum notes on channel 10. */
function gmDrumNotesOf(file: string): [number, number][] {
  const notes = notesOf(file);
  expect(notes.length).toBeGreaterThan(0);
  for (const [channel, pitch] of notes) {
    expect(channel).toBe(10);
    expect(DRUM_CLASS_GM_NOTES).toContain(pitch);
  }
  return notes;
}

beforeAll(async () => {
  await initBackend({ log: null });
  await drumModelAt(drumModel, { ...drumDataSpec(4), dataset: 'toy' });
  await drumModelAt(legacyModel, { low: 0, dim: 9, stepsPerQuarter: 4, drums: true }); // before the spec recorded pitches
  await drumModelAt(conditionedModel, { ...drumDataSpec(4), dataset: 'toy' }, { conditioned: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rnn-nade sample / complete on a drum model', () => {
  it('sample writes General MIDI drum notes on channel 10 (MIDI, JSON), for new and older drum models', async () => {
    const before = tf.memory().numTensors;
    for (const model of [drumModel, legacyModel]) {
      const mid = join(dir, 'beat.mid');
      const r = await run('sample', '--model', model, '--steps', '32', '--seed', '3', '--out', mid);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const notes = gmDrumNotesOf(mid);
      const json = join(dir, 'beat.json');
      expect((await run('sample', '--model', model, '--steps', '32', '--seed', '3', '--out', json)).code).toBe(0);
      const roll = JSON.parse(readFileSync(json, 'utf8')) as { drums?: boolean; steps: number[][] };
      expect(roll.drums).toBe(true);
      // the same seed gives the same hits in both formats: MIDI notes = JSON notes
      expect(roll.steps.flat().sort()).toEqual(notes.map(([, p]) => p).sort());
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sample continues a channel-10 MIDI primer and a JSON primer of GM drum notes (aliases map to their class)', async () => {
    const out = join(dir, 'primed.json');
    const r = await run('sample', '--model', drumModel, '--steps', '8', '--primer', groove, '--include-primer', '--out', out);
    expect(r.code).toBe(0);
    const roll = JSON.parse(readFileSync(out, 'utf8')) as { steps: number[][] };
    expect(roll.steps.length).toBeGreaterThan(8);
    for (const p of roll.steps.flat()) expect(DRUM_CLASS_GM_NOTES).toContain(p);
    const primer = join(dir, 'primer.json');
    writeFileSync(primer, JSON.stringify({ stepsPerQuarter: 4, steps: [[35, 42], [], [22]] })); // 35 = kick 2, 22 = TD-11 hi-hat edge
    const again = join(dir, 'again.json');
    expect((await run('sample', '--model', drumModel, '--steps', '4', '--primer', primer, '--include-primer', '--out', again)).code).toBe(0);
    expect((JSON.parse(readFileSync(again, 'utf8')) as { steps: number[][] }).steps.slice(0, 3)).toEqual([[36, 42], [], [42]]);
  });

  it('complete writes the continuation of a real groove on channel 10 in GM drum notes', async () => {
    const mid = join(dir, 'cont.mid');
    const r = await run('complete', '--model', drumModel, '--primer', groove, '--bars', '2', '--steps', '32', '--seed', '1', '--include-primer', '--out', mid);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    gmDrumNotesOf(mid);
  });

  it('a drum model conditioned on metric position and a beat / fill label: sample and complete with --label type=beat', async () => {
    const mid = join(dir, 'labelled.mid');
    const r = await run('sample', '--model', conditionedModel, '--steps', '32', '--seed', '2', '--label', 'type=beat', '--out', mid);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    gmDrumNotesOf(mid);
    const cont = join(dir, 'labelled-cont.mid');
    const c = await run('complete', '--model', conditionedModel, '--primer', groove, '--bars', '2', '--steps', '32', '--label', 'type=beat', '--out', cont);
    expect(c.err).toBe('');
    expect(c.code).toBe(0);
    gmDrumNotesOf(cont);
    const missing = await run('sample', '--model', conditionedModel, '--steps', '8', '--out', join(dir, 'x.mid'));
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/type/); // the label the model needs is named
  });

  it('refuses a model whose recorded notes do not fit its columns', async () => {
    const bad = join(dir, 'bad');
    await drumModelAt(bad, { ...drumDataSpec(4), pitches: [36, 38] });
    const r = await run('sample', '--model', bad, '--steps', '4', '--out', join(dir, 'x.mid'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/gives 2 MIDI notes for the model's 9 roll columns/);
  });
});
