import type { SequenceData } from '@rnn-nade/core';
import { readMidi, rollToSequence } from '@rnn-nade/data-midi';

/** A file the user dropped: its name and bytes. */
export interface DroppedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Options of {@link buildTrainingSet}. */
export interface TrainingSetOptions {
  /** Grid resolution of the rolls (default 2 = eighth notes). */
  readonly stepsPerQuarter?: number;
  /** Fraction of every piece's steps, taken from its end, held out for validation (default 0.1). */
  readonly validFraction?: number;
  /** Pieces longer than this many steps are cut to it (default 4096), so one huge file cannot stall the page. */
  readonly maxStepsPerPiece?: number;
}

/** What {@link buildTrainingSet} made of the dropped files. */
export interface TrainingSet {
  /** Training sequences (the first part of every piece). */
  readonly train: SequenceData[];
  /** Validation sequences (the last part of every piece). */
  readonly valid: SequenceData[];
  /** Frame dimension (88 keys, A0..C8). */
  readonly dim: number;
  /** Lowest pitch of the roll (21 = A0). */
  readonly low: number;
  /** Grid resolution used. */
  readonly stepsPerQuarter: number;
  /** Files used, with their length in steps. */
  readonly used: { readonly name: string; readonly steps: number }[];
  /** Files not used, and why (unreadable, no notes, too short). */
  readonly skipped: { readonly name: string; readonly reason: string }[];
}

const MIN_STEPS = 16;

function slice(seq: SequenceData, from: number, to: number): SequenceData {
  return { steps: to - from, dim: seq.dim, data: seq.data.slice(from * seq.dim, to * seq.dim) };
}

/**
 * Turns dropped MIDI files into training and validation sequences for an 88-key RNN-NADE.
 * Every readable piece is split in time: its first 90 % trains, its last 10 % validates (so a
 * single file is enough to see over-fitting). Files that are not MIDI, have no pitched notes or
 * are shorter than 16 steps are skipped with a reason; nothing throws for a bad file.
 *
 * @example
 * ```ts
 * const set = buildTrainingSet([{ name: 'a.mid', bytes }], { stepsPerQuarter: 2 });
 * console.log(set.train.length, set.skipped);
 * ```
 */
export function buildTrainingSet(files: readonly DroppedFile[], options: TrainingSetOptions = {}): TrainingSet {
  const stepsPerQuarter = options.stepsPerQuarter ?? 2;
  const validFraction = options.validFraction ?? 0.1;
  const maxSteps = options.maxStepsPerPiece ?? 4096;
  const set: TrainingSet = { train: [], valid: [], dim: 88, low: 21, stepsPerQuarter, used: [], skipped: [] };
  for (const file of files) {
    let seq: SequenceData;
    try {
      const roll = readMidi(file.bytes, { stepsPerQuarter, label: file.name });
      if (!roll.steps.some((p) => p.length > 0)) {
        set.skipped.push({ name: file.name, reason: 'no pitched notes' });
        continue;
      }
      seq = rollToSequence(roll);
    } catch (error) {
      set.skipped.push({ name: file.name, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (seq.steps < MIN_STEPS) {
      set.skipped.push({ name: file.name, reason: `only ${seq.steps} steps (at least ${MIN_STEPS} needed)` });
      continue;
    }
    const steps = Math.min(seq.steps, maxSteps);
    const validSteps = Math.max(1, Math.round(steps * validFraction));
    set.train.push(slice(seq, 0, steps - validSteps));
    set.valid.push(slice(seq, steps - validSteps, steps));
    set.used.push({ name: file.name, steps });
  }
  return set;
}
