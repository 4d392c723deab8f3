import { join } from 'node:path';
import { ConfigError, buildConditioning, type ConditioningSpec, type SequenceData } from '@rnn-nade/core';
import { loadMidiCorpus, type MidiCorpus } from '@rnn-nade/data-midi/node';
import { GROOVE_TYPES, readGrooveInfo, type GrooveType } from './groove-info';
import { dataDirOrDefault } from './paths';

/** Grid of the drum example: 4 steps per quarter note (16th notes), as in the seed paper. */
export const DRUM_STEPS_PER_QUARTER = 4;

/**
 * What the drum model is conditioned on besides the previous frame: the metric position of the
 * step in a 4/4 bar of 16ths, and Groove MIDI's beat / fill label (`info.csv`'s `beat_type`).
 */
export const DRUM_CONDITIONING: ConditioningSpec = {
  features: [
    { kind: 'metric', stepsPerBeat: DRUM_STEPS_PER_QUARTER, beatsPerBar: 4 },
    { kind: 'label', name: 'type', classes: GROOVE_TYPES },
  ],
};

/**
 * Loads Groove MIDI (`<dataDir>/groove-midi`) as 9-class drum rolls on a 16th-note grid with the
 * corpus's own train / valid / test split from `info.csv` (897 / 124 / 129 performances).
 *
 * @example
 * ```ts
 * const groove = await loadGroove();
 * groove.train.length; // 897
 * ```
 */
export async function loadGroove(options: { dataDir?: string } = {}): Promise<MidiCorpus> {
  return loadMidiCorpus(grooveDir(options.dataDir), { drums: true, stepsPerQuarter: DRUM_STEPS_PER_QUARTER, splitCsv: true });
}

function grooveDir(dataDir = dataDirOrDefault()): string {
  if (!dataDir) throw new ConfigError('Groove MIDI not found: set RNN_NADE_DATA_DIR to the folder that holds groove-midi/.');
  return join(dataDir, 'groove-midi');
}

/** One split of {@link GrooveData}: rolls (with conditioning rows when asked) and their labels. */
export interface GrooveSplit {
  /** Drum rolls; step 0 of each is a bar line. */
  readonly rolls: SequenceData[];
  /** Beat / fill label of each roll (`info.csv`). */
  readonly types: GrooveType[];
  /** Relative MIDI file of each roll. */
  readonly files: string[];
}

/** Groove MIDI in 4/4 with labels, from {@link loadGrooveData}. */
export interface GrooveData {
  /** Train split (4/4 performances). */
  readonly train: GrooveSplit;
  /** Valid split (4/4 performances). */
  readonly valid: GrooveSplit;
  /** Test split (4/4 performances; all 129 are). */
  readonly test: GrooveSplit;
  /** Performances left out because they are not in 4/4, per split. */
  readonly notFourFour: { readonly train: number; readonly valid: number; readonly test: number };
  /** The full corpus as loaded (every time signature, no conditioning). */
  readonly corpus: MidiCorpus;
}

/**
 * Loads Groove MIDI with `info.csv`'s beat / fill labels, keeps the 4/4 performances (12 of the
 * 1,150 are in 3/4, 5/4, 5/8 or 6/8, none in test) and, when `conditioning` is given, attaches its
 * rows to every roll: metric position counted from step 0 (Groove's files start on a bar line)
 * and the performance's own label.
 *
 * @example
 * ```ts
 * const g = await loadGrooveData({ conditioning: DRUM_CONDITIONING });
 * g.train.rolls[0].conditioning?.channels;
 * ```
 */
export async function loadGrooveData(options: { dataDir?: string; conditioning?: ConditioningSpec } = {}): Promise<GrooveData> {
  const dir = grooveDir(options.dataDir);
  const [corpus, info] = await Promise.all([loadGroove(options), readGrooveInfo(dir)]);
  const notFourFour = { train: 0, valid: 0, test: 0 };
  const split = (name: 'train' | 'valid' | 'test'): GrooveSplit => {
    const out: GrooveSplit = { rolls: [], types: [], files: [] };
    corpus[name].forEach((roll, i) => {
      const file = corpus.files[name][i]!;
      const meta = info.get(file);
      if (!meta) throw new ConfigError(`${file} is in the corpus but not in ${dir}/info.csv.`);
      if (meta.timeSignature !== '4-4') {
        notFourFour[name]++;
        return;
      }
      const spec = options.conditioning;
      const labelled = spec ? { ...roll, conditioning: buildConditioning(spec, { steps: roll.steps, labels: { type: meta.type } }) } : roll;
      out.rolls.push(labelled);
      out.types.push(meta.type);
      out.files.push(file);
    });
    return out;
  };
  return { train: split('train'), valid: split('valid'), test: split('test'), notFourFour, corpus };
}
