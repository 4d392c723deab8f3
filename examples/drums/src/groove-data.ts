import { join } from 'node:path';
import { ConfigError } from '@rnn-nade/core';
import { loadMidiCorpus, type MidiCorpus } from '@rnn-nade/data-midi/node';
import { dataDirOrDefault } from './paths';

/** Grid of the drum example: 4 steps per quarter note (16th notes), as in the seed paper. */
export const DRUM_STEPS_PER_QUARTER = 4;

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
  const dataDir = options.dataDir ?? dataDirOrDefault();
  if (!dataDir) throw new ConfigError('Groove MIDI not found: set RNN_NADE_DATA_DIR to the folder that holds groove-midi/.');
  return loadMidiCorpus(join(dataDir, 'groove-midi'), { drums: true, stepsPerQuarter: DRUM_STEPS_PER_QUARTER, splitCsv: true });
}
