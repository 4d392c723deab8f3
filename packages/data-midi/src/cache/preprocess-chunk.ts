import { readFileSync, statSync } from 'node:fs';
import { drumClassOf } from '../drums/drum-map';
import { MidiParseError } from '../errors';
import type { MidiLimits } from '../midi/limits';
import { MAX_MIDI_FILE_BYTES } from '../midi/read-midi';
import { parseSmf } from '../midi/smf-parse';
import { midiToRoll } from '../midi/to-roll';
import type { SplitName } from '../corpus/split';
import { packSteps, packedByteLength } from './bit-pack';

/** How files are read into rolls during preprocessing (plain data: it is posted to workers). */
export interface PreprocessRollOptions extends MidiLimits {
  /** Drum rolls (9 classes, channel 10). */
  readonly drums: boolean;
  /** Grid resolution. */
  readonly stepsPerQuarter: number;
  /** Pitch range of pitched rolls (default 21..108). */
  readonly low: number;
  /** Highest pitch of pitched rolls. */
  readonly high: number;
}

/** One file to preprocess. */
export interface PreprocessJob {
  /** Absolute path. */
  readonly path: string;
  /** Name reported in skips (path relative to the corpus). */
  readonly file: string;
  /** Its split. */
  readonly split: SplitName;
}

/** The packed result of a chunk of files: records concatenated in job order. */
export interface PreprocessChunkResult {
  /** Steps of each kept record. */
  readonly steps: number[];
  /** Split of each kept record. */
  readonly splits: SplitName[];
  /** All kept records' packed bytes, back to back. */
  readonly bytes: Uint8Array;
  /** Files left out, and why. */
  readonly skipped: {
    /** The file, as given. */
    file: string;
    /** Why it was skipped (e.g. the parse error). */
    reason: string;
  }[];
}

/**
 * Reads, quantises and bit-packs a chunk of MIDI files (the unit of work of a preprocessing
 * worker; also run in-process when `workers` is 0). Unreadable or empty files are reported, not
 * thrown.
 */
export function preprocessChunk(jobs: readonly PreprocessJob[], o: PreprocessRollOptions): PreprocessChunkResult {
  const dim = o.drums ? 9 : o.high - o.low + 1;
  const column = o.drums ? drumClassOf : (p: number) => p - o.low;
  const parts: Uint8Array[] = [];
  const steps: number[] = [];
  const splits: SplitName[] = [];
  const skipped: { file: string; reason: string }[] = [];
  let total = 0;
  for (const job of jobs) {
    let rollSteps: number[][];
    try {
      let bytes: Uint8Array;
      try {
        const size = statSync(job.path).size;
        if (size > MAX_MIDI_FILE_BYTES)
          throw new MidiParseError(job.path, `file is ${size} bytes, more than the ${MAX_MIDI_FILE_BYTES}-byte limit for MIDI files`);
        bytes = readFileSync(job.path);
      } catch (cause) {
        if (cause instanceof MidiParseError) throw cause;
        throw new MidiParseError(job.path, `cannot read (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`);
      }
      const roll = midiToRoll(parseSmf(bytes, job.path, o), {
        ...o,
        range: { low: o.low, high: o.high },
        label: job.path,
      });
      rollSteps = roll.steps;
    } catch (e) {
      if (e instanceof MidiParseError) {
        skipped.push({ file: job.file, reason: e.message });
        continue;
      }
      throw e;
    }
    if (rollSteps.length === 0) {
      skipped.push({ file: job.file, reason: 'no notes in the selected tracks / channels / range' });
      continue;
    }
    const packed = packSteps(rollSteps, dim, column, new Uint8Array(packedByteLength(rollSteps.length, dim)));
    parts.push(packed);
    steps.push(rollSteps.length);
    splits.push(job.split);
    total += packed.length;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { steps, splits, bytes, skipped };
}
