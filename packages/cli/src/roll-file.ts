import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { RnnNadeError, pitchesToSequence, sequenceToPitches, type SequenceData } from '@rnn-nade/core/node';
import { drumClassOf, pianoRollSvg, readMidiFile, rollToMidi, rollToSequence } from '@rnn-nade/data-midi/node';

/** The JSON roll format shared by `sample`, `midi2roll` and the corpora: MIDI pitches per step. */
export interface RollJson {
  /** Grid resolution: steps per quarter note. */
  stepsPerQuarter: number;
  /** Sounding MIDI pitches per step. */
  steps: number[][];
  /** Drum notes, written on General MIDI channel 10 (absent for pitched rolls). */
  drums?: boolean;
}

/** A roll file could not be read or has the wrong form. */
export class RollFileError extends RnnNadeError<'ROLL_FILE'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ROLL_FILE', message, options);
  }
}

/** Pitch mapping of a binary model: roll column 0 is MIDI pitch `low`, unless `pitches` lists every column's note. */
export interface PitchMapping {
  /** MIDI pitch of column 0. */
  readonly low: number;
  /** Number of columns D. */
  readonly dim: number;
  /** MIDI note of every column (e.g. the GM drum notes of a drum model); overrides `low + column`. */
  readonly pitches?: readonly number[];
  /** Drum model: MIDI primers are read from channel 10 into drum classes, output goes to channel 10. */
  readonly drums?: boolean;
}

/**
 * Reads a primer: a `.mid` file (quantised at `stepsPerQuarter`) or a JSON roll
 * `{"stepsPerQuarter": n, "steps": [[pitch, ...], ...]}` (a bare array of steps also works).
 */
export async function readPrimer(file: string, mapping: PitchMapping, stepsPerQuarter: number): Promise<SequenceData> {
  const range = { low: mapping.low, high: mapping.low + mapping.dim - 1 };
  if (/\.midi?$/i.test(file)) {
    if (mapping.drums) return rollToSequence(await readMidiFile(file, { stepsPerQuarter, drums: true }));
    const roll = await readMidiFile(file, { stepsPerQuarter, range });
    return pitchesToSequence(roll.steps, range);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RollFileError(code === 'ENOENT' ? `Primer file ${file} does not exist.` : `Primer ${file} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const steps = Array.isArray(json) ? json : (json as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps) || !steps.every((s) => Array.isArray(s) && s.every((p) => typeof p === 'number'))) {
    throw new RollFileError(`Primer ${file} must be {"stepsPerQuarter": n, "steps": [[pitch, ...], ...]}.`);
  }
  try {
    return mapping.pitches ? notesToColumns(steps as number[][], mapping) : pitchesToSequence(steps as number[][], range);
  } catch (error) {
    throw new RollFileError(`Primer ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Notes per step → binary frames through an explicit column list (drum notes by their class). */
function notesToColumns(steps: readonly (readonly number[])[], mapping: PitchMapping): SequenceData {
  const pitches = mapping.pitches!;
  const data = new Float32Array(steps.length * mapping.dim);
  steps.forEach((notes, t) => {
    for (const p of notes) {
      const cls = drumClassOf(p);
      const c = pitches.findIndex((q) => q === p || (mapping.drums === true && cls >= 0 && drumClassOf(q) === cls));
      if (c < 0) throw new RollFileError(`step ${t}: note ${p} is not one of the model's notes (${pitches.join(', ')}).`);
      data[t * mapping.dim + c] = 1;
    }
  });
  return { steps: steps.length, dim: mapping.dim, data };
}

/** Binary frames → the JSON roll form (with `drums: true` for a drum mapping). */
export function toRollJson(seq: SequenceData, mapping: PitchMapping, stepsPerQuarter: number): RollJson {
  const steps = mapping.pitches
    ? Array.from({ length: seq.steps }, (_, t) => mapping.pitches!.filter((_, c) => seq.data[t * seq.dim + c]! > 0.5).sort((a, b) => a - b))
    : sequenceToPitches(seq, { low: mapping.low, high: mapping.low + mapping.dim - 1 });
  return mapping.drums ? { stepsPerQuarter, steps, drums: true } : { stepsPerQuarter, steps };
}

/**
 * Writes a roll as `.mid` (Standard MIDI File), `.svg` (piano-roll picture) or, for any other
 * extension, JSON. Returns the format.
 * @throws RollFileError, before writing anything, when a pitch is not an integer in 0..127.
 */
export async function writeRoll(file: string, roll: RollJson, options: { title?: string } = {}): Promise<'midi' | 'svg' | 'json'> {
  assertMidiPitches(file, roll);
  await mkdir(dirname(file), { recursive: true });
  const ext = extname(file).toLowerCase();
  if (ext === '.mid' || ext === '.midi') {
    await writeFile(file, rollToMidi(roll, { drums: roll.drums === true }));
    return 'midi';
  }
  if (ext === '.svg') {
    await writeFile(file, pianoRollSvg({ ...roll, drums: roll.drums === true }, { title: options.title }));
    return 'svg';
  }
  await writeFile(file, `${JSON.stringify(roll)}\n`);
  return 'json';
}

/**
 * Checks that every pitch of `roll` is a MIDI pitch (an integer in 0..127).
 * @throws RollFileError naming the step and the pitch.
 */
export function assertMidiPitches(file: string, roll: RollJson): void {
  roll.steps.forEach((step, t) => {
    const bad = step.find((p) => !Number.isInteger(p) || p < 0 || p > 127);
    if (bad !== undefined) throw new RollFileError(`Cannot write ${file}: step ${t} has pitch ${bad}, outside MIDI's 0..127.`);
  });
}
