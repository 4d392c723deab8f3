import { join } from 'node:path';
import { ConfigError, type SequenceData } from '@rnn-nade/core';
import { iterateMidiCorpus, loadCorpus, rollToSequence, type PianoRoll, type SkippedFile } from '@rnn-nade/data-midi/node';
import { dataDirOrDefault } from './paths';

/** Grid of the completion model: 2 steps per quarter (eighth notes), the grid of `jsb-8th`. */
export const STYLE_STEPS_PER_QUARTER = 2;

/** A held-out Mozart movement. */
export interface HeldOutPiece {
  /** Path relative to the corpus folder, e.g. `mozart/mz_545_1.mid`. */
  readonly file: string;
  /** The quantised roll (88 keys, 21..108). */
  readonly roll: PianoRoll;
}

/** The data of the completion experiment. */
export interface StyleData {
  /** Pre-training: every non-Mozart piece of classical-piano-midi (hashed 90 / 10 split). */
  readonly pretrain: { readonly train: SequenceData[]; readonly valid: SequenceData[] };
  /** Fine-tuning on Bach: JSB Chorales (8th notes) train + the WTC Bach pieces; valid = JSB valid. */
  readonly bach: { readonly train: SequenceData[]; readonly valid: SequenceData[] };
  /** Every Mozart movement (never trained on), sorted by file name. */
  readonly mozart: HeldOutPiece[];
  /** Files the MIDI reader skipped, and why. */
  readonly skipped: SkippedFile[];
  /** Piece counts, for model cards. */
  readonly counts: Record<string, number>;
}

/** True for files of the held-out author. */
export const isMozart = (file: string): boolean => file.toLowerCase().startsWith('mozart/');
/** True for the Bach pieces of the piano corpus. */
export const isBach = (file: string): boolean => file.toLowerCase().startsWith('bach/');

/**
 * Loads the experiment's data from `<dataDir>/classical-piano-midi` (279 pieces, read as 88-key
 * rolls on an eighth-note grid) and `<dataDir>/jsb-chorales` (8th-note JSON). Mozart is held
 * out of everything that trains; the Bach pieces are used for fine-tuning only.
 *
 * @example
 * ```ts
 * const data = await loadStyleData();
 * data.mozart.length; // 21
 * ```
 */
export async function loadStyleData(options: { dataDir?: string } = {}): Promise<StyleData> {
  const dataDir = options.dataDir ?? dataDirOrDefault();
  if (!dataDir) throw new ConfigError('Data not found: set RNN_NADE_DATA_DIR to the folder holding classical-piano-midi/ and jsb-chorales/.');
  const skipped: SkippedFile[] = [];
  const pretrain = { train: [] as SequenceData[], valid: [] as SequenceData[] };
  const bachPieces: SequenceData[] = [];
  const mozart: HeldOutPiece[] = [];
  const corpusDir = join(dataDir, 'classical-piano-midi');
  for await (const e of iterateMidiCorpus(corpusDir, {
    stepsPerQuarter: STYLE_STEPS_PER_QUARTER,
    splitCsv: false,
    split: { valid: 0.1, test: 0 },
    onSkip: (s) => skipped.push(s),
  })) {
    if (isMozart(e.file)) mozart.push({ file: e.file, roll: e.roll });
    else if (isBach(e.file)) bachPieces.push(rollToSequence(e.roll));
    else pretrain[e.split === 'valid' ? 'valid' : 'train'].push(rollToSequence(e.roll));
  }
  const jsb = await loadCorpus('jsb-8th', { dataDir, download: false, log: null });
  const bach = { train: [...jsb.train, ...bachPieces], valid: jsb.valid };
  const counts = {
    pretrainTrain: pretrain.train.length,
    pretrainValid: pretrain.valid.length,
    jsbTrain: jsb.train.length,
    jsbValid: jsb.valid.length,
    bachPieces: bachPieces.length,
    mozart: mozart.length,
  };
  return { pretrain, bach, mozart, skipped, counts };
}
