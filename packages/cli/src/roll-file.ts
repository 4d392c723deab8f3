import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { RnnNadeError, pitchesToSequence, sequenceToPitches, type SequenceData } from '@rnn-nade/core/node';
import { pianoRollSvg, readMidiFile, rollToMidi } from '@rnn-nade/data-midi/node';

/** The JSON roll format shared by `sample`, `midi2roll` and the corpora: MIDI pitches per step. */
export interface RollJson {
  /** Grid resolution: steps per quarter note. */
  stepsPerQuarter: number;
  /** Sounding MIDI pitches per step. */
  steps: number[][];
}

/** A roll file could not be read or has the wrong form. */
export class RollFileError extends RnnNadeError<'ROLL_FILE'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ROLL_FILE', message, options);
  }
}

/** Pitch mapping of a binary model: roll column 0 is MIDI pitch `low`. */
export interface PitchMapping {
  /** MIDI pitch of column 0. */
  readonly low: number;
  /** Number of columns D. */
  readonly dim: number;
}

/**
 * Reads a primer: a `.mid` file (quantised at `stepsPerQuarter`) or a JSON roll
 * `{"stepsPerQuarter": n, "steps": [[pitch, ...], ...]}` (a bare array of steps also works).
 */
export async function readPrimer(file: string, mapping: PitchMapping, stepsPerQuarter: number): Promise<SequenceData> {
  const range = { low: mapping.low, high: mapping.low + mapping.dim - 1 };
  if (/\.midi?$/i.test(file)) {
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
    return pitchesToSequence(steps as number[][], range);
  } catch (error) {
    throw new RollFileError(`Primer ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Binary frames → the JSON roll form. */
export function toRollJson(seq: SequenceData, mapping: PitchMapping, stepsPerQuarter: number): RollJson {
  return { stepsPerQuarter, steps: sequenceToPitches(seq, { low: mapping.low, high: mapping.low + mapping.dim - 1 }) };
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
    await writeFile(file, rollToMidi(roll));
    return 'midi';
  }
  if (ext === '.svg') {
    await writeFile(file, pianoRollSvg(roll, { title: options.title }));
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
