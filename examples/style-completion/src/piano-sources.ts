import { join } from 'node:path';
import { iterateMidiCorpus, type PianoRoll, type SkippedFile, type SplitName } from '@rnn-nade/data-midi/node';
import { composerOf, eraOf, type Era } from './composers';

/** The piano folders of `RNN_NADE_DATA_DIR` the experiment reads. */
export const PIANO_SOURCES = ['classical-piano-midi', 'piano-midi-de-extra', 'asap-scores'] as const;
/** One of {@link PIANO_SOURCES}. */
export type PianoSource = (typeof PIANO_SOURCES)[number];

/** One quantised piano piece with where it came from and which split it belongs to. */
export interface PianoPiece {
  /** The data folder it was read from. */
  readonly source: PianoSource;
  /** Path relative to that folder. */
  readonly file: string;
  /** Lower-case composer key (e.g. `haydn`). */
  readonly composer: string;
  /** Style period of the composer (the label the model is conditioned on). */
  readonly era: Era;
  /** The roll (88 keys, 21..108) on the model's grid. */
  readonly roll: PianoRoll;
  /** `train` / `valid` (early stopping, decoding choice) / `test` (held out, reported only). */
  readonly split: SplitName;
}

/**
 * How each source is split (hashed by path, so adding files never moves old ones):
 * classical-piano-midi 10 % valid as before; piano-midi-de-extra half held out as unseen test
 * pieces (its notes differ from every file of the other two folders); ASAP 10 % valid.
 */
const SPLITS: Record<PianoSource, { valid: number; test: number }> = {
  'classical-piano-midi': { valid: 0.1, test: 0 },
  'piano-midi-de-extra': { valid: 0, test: 0.5 },
  'asap-scores': { valid: 0.1, test: 0 },
};

/**
 * ASAP works that are the same work as a piano-midi-de-extra file (another encoding): left out
 * so that a held-out extra piece is never trained on under another name.
 */
export const ASAP_SAME_WORK_AS_EXTRA: Readonly<Record<string, string>> = {
  'Ravel/Gaspard_de_la_Nuit/1_Ondine/midi_score.mid': 'Ravel/rav_ondi.mid',
};

/** ASAP's repeat / no-repeat variants of one work share this key (`Beethoven/Piano_Sonatas/17-1`). */
export function asapWorkKey(file: string): string {
  return file.replace(/\/midi_score\.midi?$/i, '').replace(/_(no_repeat|no_2_repeat|repeat|extra_repeat|no_trio)$/i, '');
}

/** True for Mozart in any source (held out of all training). */
export const isMozartFile = (file: string): boolean => /^mozart\//i.test(file);

/**
 * Reads every piano piece of the three sources at `stepsPerQuarter` (88 keys), with composer,
 * era and split. Mozart files are returned too (split `test`); callers keep them out of
 * training. ASAP keeps one file per work (the first in path order, i.e. the variant without a
 * `_no_repeat`-style suffix) and drops works that duplicate a piano-midi-de-extra file.
 *
 * @example
 * ```ts
 * const pieces = await readPianoSources('/data', { stepsPerQuarter: 2, onSkip: console.warn });
 * ```
 */
export async function readPianoSources(
  dataDir: string,
  options: { stepsPerQuarter: number; onSkip?: (s: SkippedFile) => void; sources?: readonly PianoSource[] },
): Promise<PianoPiece[]> {
  const pieces: PianoPiece[] = [];
  for (const source of options.sources ?? PIANO_SOURCES) {
    const seenWorks = new Set<string>();
    const entries = iterateMidiCorpus(join(dataDir, source), {
      stepsPerQuarter: options.stepsPerQuarter,
      range: { low: 21, high: 108 },
      splitCsv: false,
      split: SPLITS[source],
      onSkip: (s) => options.onSkip?.({ ...s, file: `${source}/${s.file}` }),
    });
    const sorted: { file: string; split: SplitName; roll: PianoRoll }[] = [];
    for await (const e of entries) sorted.push(e);
    sorted.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    for (const e of sorted) {
      if (source === 'asap-scores') {
        const work = asapWorkKey(e.file);
        if (seenWorks.has(work) || ASAP_SAME_WORK_AS_EXTRA[e.file]) continue;
        seenWorks.add(work);
      }
      const composer = composerOf(e.file);
      const split: SplitName = isMozartFile(e.file) ? 'test' : e.split;
      pieces.push({ source, file: e.file, composer, era: eraOf(composer), roll: e.roll, split });
    }
  }
  return pieces;
}
