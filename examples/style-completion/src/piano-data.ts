import { ConfigError, type SequenceData } from '@rnn-nade/core';
import { rollToSequence, type PianoRoll, type SkippedFile } from '@rnn-nade/data-midi/node';
import { stepsPerBar } from './bars';
import type { Era } from './composers';
import { dataDirOrDefault } from './paths';
import { readPianoSources, type PianoPiece } from './piano-sources';

/** Grid of the completion model: 2 steps per quarter (eighth notes). */
export const STYLE_STEPS_PER_QUARTER = 2;

/** A piece the model is primed with and scored on (never trained on). */
export interface HeldOutPiece {
  /** Path relative to its corpus folder, e.g. `mozart/mz_545_1.mid`. */
  readonly file: string;
  /** The quantised roll (88 keys, 21..108). */
  readonly roll: PianoRoll;
  /** Style period of the composer (the label a conditioned model is given). */
  readonly era: Era;
}

/** Training sequences of one stage, with the bar length of each (for bar-aligned crops). */
export interface StageData {
  /** Training sequences (whole pieces). */
  readonly train: SequenceData[];
  /** Validation sequences (early stopping). */
  readonly valid: SequenceData[];
}

/** The data of the completion experiment. */
export interface StyleData {
  /** Stage 1: every non-Mozart piece of the three piano sources (train / valid splits). */
  readonly pretrain: StageData;
  /** Stage 2: the classical-era (Haydn, Clementi, Beethoven) part of the same splits. */
  readonly finetune: StageData;
  /** Steps per bar of every training / validation sequence. */
  readonly barSteps: WeakMap<SequenceData, number>;
  /** Style period of every training / validation sequence. */
  readonly eras: WeakMap<SequenceData, Era>;
  /** The piano roll of every training / validation sequence (its time signatures give the metric rows). */
  readonly rolls: WeakMap<SequenceData, PianoRoll>;
  /** The 21 Mozart movements of classical-piano-midi (never trained on), sorted by file name. */
  readonly mozart: HeldOutPiece[];
  /** Non-Mozart validation pieces: where the decoding of completions is chosen. */
  readonly valid: HeldOutPiece[];
  /** Unseen non-Mozart pieces (the held-out half of piano-midi-de-extra): reported only. */
  readonly other: HeldOutPiece[];
  /** Files the MIDI reader skipped, and why. */
  readonly skipped: SkippedFile[];
  /** Piece counts, for model cards. */
  readonly counts: Record<string, number>;
}

const heldOut = (p: PianoPiece): HeldOutPiece => ({ file: `${p.source}/${p.file}`, roll: p.roll, era: p.era });

/**
 * Loads the experiment's data from `<dataDir>/classical-piano-midi`, `piano-midi-de-extra` and
 * `asap-scores` (88-key rolls on an eighth-note grid). Every Mozart file (21 movements in
 * classical-piano-midi, 6 ASAP scores) is kept out of training; the 21 are the test pieces.
 * Half of piano-midi-de-extra is held out as unseen non-Mozart test pieces.
 *
 * @example
 * ```ts
 * const data = await loadStyleData();
 * data.mozart.length; // 21
 * ```
 */
export async function loadStyleData(options: { dataDir?: string } = {}): Promise<StyleData> {
  const dataDir = options.dataDir ?? dataDirOrDefault();
  if (!dataDir)
    throw new ConfigError('Data not found: set RNN_NADE_DATA_DIR to the folder holding classical-piano-midi/, piano-midi-de-extra/ and asap-scores/.');
  const skipped: SkippedFile[] = [];
  const pieces = await readPianoSources(dataDir, { stepsPerQuarter: STYLE_STEPS_PER_QUARTER, onSkip: (s) => skipped.push(s) });
  const barSteps = new WeakMap<SequenceData, number>();
  const eras = new WeakMap<SequenceData, Era>();
  const rolls = new WeakMap<SequenceData, PianoRoll>();
  const pretrain: StageData = { train: [], valid: [] };
  const finetune: StageData = { train: [], valid: [] };
  const mozart: HeldOutPiece[] = [];
  const valid: HeldOutPiece[] = [];
  const other: HeldOutPiece[] = [];
  let asapMozart = 0;
  for (const p of pieces) {
    if (p.composer === 'mozart') {
      if (p.source === 'classical-piano-midi') mozart.push({ file: p.file, roll: p.roll, era: p.era });
      else asapMozart++;
      continue;
    }
    if (p.split === 'test') {
      other.push(heldOut(p));
      continue;
    }
    const seq = rollToSequence(p.roll);
    barSteps.set(seq, stepsPerBar(p.roll));
    eras.set(seq, p.era);
    rolls.set(seq, p.roll);
    const split = p.split === 'valid' ? 'valid' : 'train';
    pretrain[split].push(seq);
    if (p.era === 'classical') finetune[split].push(seq);
    if (p.split === 'valid') valid.push(heldOut(p));
  }
  const count = (source: string) => pieces.filter((p) => p.source === source && p.composer !== 'mozart' && p.split !== 'test').length;
  const counts = {
    pretrainTrain: pretrain.train.length,
    pretrainValid: pretrain.valid.length,
    finetuneTrain: finetune.train.length,
    finetuneValid: finetune.valid.length,
    classicalPianoMidi: count('classical-piano-midi'),
    pianoMidiDeExtra: count('piano-midi-de-extra'),
    asapScores: count('asap-scores'),
    mozart: mozart.length,
    asapMozartLeftOut: asapMozart,
    otherHeldOut: other.length,
  };
  return { pretrain, finetune, barSteps, eras, rolls, mozart, valid, other, skipped, counts };
}
