import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SequenceData, SequenceModel } from '@rnn-nade/core';
import { drumClassToGm, pianoRollSvg, rollToMidi, type RollLike } from '@rnn-nade/data-midi/node';
import { DRUM_STEPS_PER_QUARTER } from './groove-data';
import { PLAIN_DECODING, describeDecodingShort, sampleGroove, type GrooveDecoding } from './groove-decode';

/** A binary `[T, 9]` drum sequence as a drum roll of GM notes (for MIDI and pictures). */
export function drumSequenceToRoll(seq: SequenceData, bpm = 100): RollLike & { steps: number[][] } {
  const steps: number[][] = [];
  for (let t = 0; t < seq.steps; t++) {
    const hits: number[] = [];
    for (let c = 0; c < seq.dim; c++) if (seq.data[t * seq.dim + c]! > 0.5) hits.push(drumClassToGm(c));
    steps.push(hits.sort((a, b) => a - b));
  }
  return { steps, stepsPerQuarter: DRUM_STEPS_PER_QUARTER, drums: true, tempos: [{ step: 0, bpm }] };
}

/** Options of {@link writeGrooves}. */
export interface WriteGroovesOptions {
  /** Number of grooves (seeds `firstSeed` .. `firstSeed + count - 1`). */
  readonly count: number;
  /** Steps per groove (16th notes; 64 = four bars of 4/4). */
  readonly steps: number;
  /** Temperature and best-of-N (default plain sampling at temperature 1). */
  readonly decoding?: GrooveDecoding;
  /** Seed of the first groove. */
  readonly firstSeed?: number;
  /** Primer frames (e.g. the first bar of a test groove); none = from silence. */
  readonly primer?: SequenceData;
  /** Tempo written to the MIDI files. */
  readonly bpm?: number;
}

/**
 * Samples grooves (label `beat` for a conditioned model) from a drum model and writes each as MIDI on channel 10 (`groove-<seed>.mid`)
 * and as a drum-roll SVG (`groove-<seed>.svg`) in `dir`. Returns the written file names and the
 * number of hits in each groove.
 *
 * @example
 * ```ts
 * await writeGrooves(model, 'docs/figures/drums', { count: 4, steps: 64, decoding: { temperature: 1, bestOf: 1 } });
 * ```
 */
export async function writeGrooves(model: SequenceModel, dir: string, options: WriteGroovesOptions): Promise<{ files: string[]; hits: number[] }> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const hits: number[] = [];
  const first = options.firstSeed ?? 1;
  for (let seed = first; seed < first + options.count; seed++) {
    const decoding = options.decoding ?? PLAIN_DECODING;
    const seq = await sampleGroove(model, { steps: options.steps, seed, decoding, primer: options.primer, type: 'beat' });
    const roll = drumSequenceToRoll(seq, options.bpm);
    const base = `groove-${seed}`;
    await writeFile(join(dir, `${base}.mid`), rollToMidi(roll, { drums: true, name: `rnn-nade groove ${seed}` }));
    const title = `RNN-NADE groove, seed ${seed}, ${describeDecodingShort(decoding)} (${options.steps} sixteenths)`;
    await writeFile(
      join(dir, `${base}.svg`),
      pianoRollSvg({ steps: roll.steps, stepsPerQuarter: DRUM_STEPS_PER_QUARTER, drums: true }, { title, stepWidth: 8 }),
    );
    files.push(`${base}.mid`, `${base}.svg`);
    hits.push(roll.steps.reduce((a, s) => a + s.length, 0));
  }
  return { files, hits };
}
