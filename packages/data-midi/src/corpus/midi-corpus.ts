import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetSplits } from '@rnn-nade/core';
import { CorpusUnavailableError, MidiParseError } from '../errors';
import { rollToSequence, type PianoRoll } from '../midi/piano-roll';
import { readMidiBytesFromFile } from '../midi/read-midi-file';
import { parseSmf } from '../midi/smf-parse';
import { midiToRoll, type MidiToRollOptions } from '../midi/to-roll';
import { readCsvSplits } from './read-csv-splits';
import { splitOf, type CsvSplitSpec, type SplitFractions, type SplitName } from './split';
import { transposeSteps, type TransposeOptions, transpositionsInRange } from './transpose';
import { withCorpusConditioning, type CorpusConditioning } from './corpus-conditioning';

/** Options of {@link iterateMidiCorpus} / {@link loadMidiCorpus}. */
export interface MidiCorpusOptions extends Omit<MidiToRollOptions, 'label'> {
  /** Deterministic split by hashed relative path (default 10 % valid, 10 % test). */
  readonly split?: SplitFractions;
  /**
   * Read the split from a CSV instead (e.g. Groove MIDI's `info.csv`). `true` = `info.csv` in
   * the corpus folder with columns `midi_filename` / `split`. Default: `true` when that file
   * exists, else the hashed split. Files missing from the CSV are skipped and reported.
   */
  readonly splitCsv?: CsvSplitSpec | boolean;
  /** Yield only these splits (default all). */
  readonly splits?: readonly SplitName[];
  /** File-name endings to read, case-insensitive (default `.mid`, `.midi`). */
  readonly extensions?: readonly string[];
  /** Transposition augmentation of the train split (valid / test are never transposed). */
  readonly transpose?: TransposeOptions;
  /** Called for each file that was skipped, with why. */
  readonly onSkip?: (skipped: SkippedFile) => void;
  /**
   * {@link loadMidiCorpus} only: attach conditioning rows for a conditioned model to every
   * sequence (metric position from each file's own time signatures, labels per file).
   */
  readonly conditioning?: CorpusConditioning;
}

/** A file a corpus load did not use, and why. */
export interface SkippedFile {
  /** Path relative to the corpus folder. */
  readonly file: string;
  /** Why it was skipped (e.g. the parse error). */
  readonly reason: string;
}

/** One roll of a streamed MIDI corpus. */
export interface MidiCorpusEntry {
  /** Path relative to the corpus folder (`/` separators). */
  readonly file: string;
  /** The split the file belongs to. */
  readonly split: SplitName;
  /** Semitones this copy is transposed by (0 for the original). */
  readonly transpose: number;
  /** The quantised roll. */
  readonly roll: PianoRoll;
}

/**
 * Lists the MIDI files under `dir`, recursively, in a deterministic (sorted) order, one
 * directory at a time (paths relative to `dir`, `/` separators). Symbolic links are not
 * followed; those with a MIDI extension, dangling ones and links to folders are reported
 * through `onSkip`.
 */
export async function* walkMidiFiles(
  dir: string,
  extensions: readonly string[] = ['.mid', '.midi'],
  onSkip?: (skipped: SkippedFile) => void,
): AsyncGenerator<string> {
  const exts = extensions.map((e) => e.toLowerCase());
  async function* walk(rel: string): AsyncGenerator<string> {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      const midi = exts.some((x) => e.name.toLowerCase().endsWith(x));
      if (e.isDirectory()) yield* walk(child);
      else if (e.isFile() && midi) yield child;
      else if (e.isSymbolicLink() && onSkip) {
        const target = await stat(path.join(dir, child)).catch(() => null);
        if (!target) onSkip({ file: child, reason: 'dangling symbolic link (its target does not exist)' });
        else if (target.isDirectory()) onSkip({ file: child, reason: 'symbolic link to a folder (not followed)' });
        else if (midi) onSkip({ file: child, reason: 'symbolic link (not followed; copy the file into the corpus instead)' });
      }
    }
  }
  yield* walk('');
}

async function resolveCsv(dir: string, spec: MidiCorpusOptions['splitCsv']): Promise<Map<string, SplitName> | null> {
  if (spec === false) return null;
  if (spec === undefined || spec === true) {
    const file = path.join(dir, 'info.csv');
    if (!existsSync(file)) {
      if (spec === true) throw new CorpusUnavailableError(`splitCsv: ${file} does not exist.`);
      return null;
    }
    return readCsvSplits({ file });
  }
  return readCsvSplits({ ...spec, file: path.resolve(dir, spec.file) });
}

/**
 * Streams a folder of MIDI files (recursive) as piano rolls, one file in memory at a time,
 * so a corpus of any size can be preprocessed. Each file gets a split (from a CSV such as
 * Groove MIDI's `info.csv`, else a deterministic hash of its path). Unreadable files are
 * skipped and reported through `onSkip`; the train split can be augmented by transposition.
 *
 * @example
 * ```ts
 * for await (const { file, split, roll } of iterateMidiCorpus('groove-midi', { drums: true })) {
 *   // write roll to a cache, count frames, ...
 * }
 * ```
 */
export async function* iterateMidiCorpus(dir: string, options: MidiCorpusOptions = {}): AsyncGenerator<MidiCorpusEntry> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new CorpusUnavailableError(`MIDI corpus folder ${root} does not exist or is not a folder.`);
  const csv = await resolveCsv(root, options.splitCsv);
  const wanted = options.splits ? new Set(options.splits) : null;
  const skip = (file: string, reason: string) => options.onSkip?.({ file, reason });
  const seen = csv ? new Set<string>() : null;
  for await (const file of walkMidiFiles(root, options.extensions, (s) => skip(s.file, s.reason))) {
    let split: SplitName | undefined;
    if (csv) {
      split = csv.get(file);
      seen!.add(file);
      if (!split) {
        skip(file, 'not listed in the split CSV');
        continue;
      }
    } else split = splitOf(file, options.split);
    if (wanted && !wanted.has(split)) continue;
    const full = path.join(root, file);
    let roll: PianoRoll;
    try {
      const bytes = await readMidiBytesFromFile(full);
      roll = midiToRoll(parseSmf(bytes, full, options), { ...options, label: full });
    } catch (e) {
      if (e instanceof MidiParseError) {
        skip(file, e.message);
        continue;
      }
      throw e;
    }
    if (roll.steps.length === 0) {
      skip(file, 'no notes in the selected tracks / channels / range');
      continue;
    }
    yield { file, split, transpose: 0, roll };
    if (split === 'train' && options.transpose && !roll.drums) {
      for (const k of transpositionsInRange(roll.steps, { low: roll.low, high: roll.high }, options.transpose)) {
        yield { file, split, transpose: k, roll: { ...roll, steps: transposeSteps(roll.steps, k), report: undefined } };
      }
    }
  }
  if (csv && (!wanted || wanted.size === 3)) {
    for (const listed of csv.keys()) if (!seen!.has(listed)) skip(listed, 'listed in the split CSV but not found');
  }
}

/** A MIDI folder loaded into memory as binary rolls per split. */
export interface MidiCorpus extends DatasetSplits {
  /** Relative file of each sequence, per split (parallel to the split arrays). */
  readonly files: Readonly<Record<SplitName, string[]>>;
  /** Files not used, and why. */
  readonly skipped: SkippedFile[];
  /** Grid resolution of every roll. */
  readonly stepsPerQuarter: number;
  /** Roll width (88 for pitched rolls by default, 9 for drum rolls). */
  readonly dim: number;
  /** MIDI pitch of column 0 (pitched rolls; 0 for drums). */
  readonly low: number;
}

/**
 * Loads a folder of MIDI files (recursively) into train / valid / test binary rolls; see
 * {@link iterateMidiCorpus} for splits, skipping and augmentation. For very large corpora
 * iterate instead.
 *
 * @example
 * ```ts
 * const groove = await loadMidiCorpus(`${process.env.RNN_NADE_DATA_DIR}/groove-midi`, { drums: true });
 * [groove.train.length, groove.valid.length, groove.test.length]; // [897, 124, 129] from info.csv
 * ```
 */
export async function loadMidiCorpus(dir: string, options: MidiCorpusOptions = {}): Promise<MidiCorpus> {
  const skipped: SkippedFile[] = [];
  const out: MidiCorpus = {
    train: [],
    valid: [],
    test: [],
    files: { train: [], valid: [], test: [] },
    skipped,
    stepsPerQuarter: options.stepsPerQuarter ?? 4,
    dim: options.drums ? 9 : (options.range?.high ?? 108) - (options.range?.low ?? 21) + 1,
    low: options.drums ? 0 : (options.range?.low ?? 21),
  };
  const onSkip = (s: SkippedFile) => {
    skipped.push(s);
    options.onSkip?.(s);
  };
  for await (const entry of iterateMidiCorpus(dir, { ...options, onSkip })) {
    const seq = rollToSequence(entry.roll);
    const info = { split: entry.split, index: out[entry.split].length, file: entry.file };
    out[entry.split].push(options.conditioning ? withCorpusConditioning(seq, entry.roll, options.conditioning, info) : seq);
    out.files[entry.split].push(entry.transpose ? `${entry.file}#transpose=${entry.transpose}` : entry.file);
  }
  return out;
}
