import { existsSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetSplits, PitchRange } from '@rnn-nade/core';
import { CorpusFormatError, CorpusUnavailableError } from '../errors';
import { resolveCorpusLimits, type CorpusLimits } from './corpus-limits';
import { scanJsonCorpusShape } from './json-shape-scan';
import { defaultCacheDir, downloadVerified, type FetchLike } from './download';
import { CORPUS_MANIFEST, CORPUS_NAMES, isCorpusName, type CorpusFileEntry, type CorpusName } from './manifest';
import { matCellToPitchLists, readMat } from './mat-reader';
import { loadMidiCorpus, type MidiCorpusOptions, type SkippedFile } from './midi-corpus';
import { pitchListsToSplits, validatePitchLists, type PitchListSplits } from './pitch-lists';
import { attachCorpusConditioning, type CorpusConditioning } from './corpus-conditioning';

export type { CorpusName } from './manifest';

/** Options of {@link loadCorpus}. */
export interface LoadCorpusOptions extends CorpusLimits {
  /** Folder holding the corpora (default `process.env.RNN_NADE_DATA_DIR`). */
  dataDir?: string;
  /** Cache for downloads (default {@link defaultCacheDir}). */
  cacheDir?: string;
  /** Pitch range of the rolls (default 21..108, 88 keys). */
  range?: PitchRange;
  /** Allow downloading a missing built-in corpus into the cache (default true). */
  download?: boolean;
  /** fetch used for downloads (default global `fetch`; inject a fake in tests). */
  fetch?: FetchLike;
  /** Info messages, e.g. "downloading ..." (default `console.error`; `null` = silent). */
  log?: ((message: string) => void) | null;
  /** When `nameOrFile` is a folder of MIDI files: how to read it (grid, drums, split, ...). */
  midi?: MidiCorpusOptions;
  /**
   * Attach conditioning rows for a conditioned model to every sequence: metric position from
   * each MIDI file's time signatures, or, for the JSON / MAT corpora (no meter), from
   * `conditioning.timeSignature` (default 4/4) starting on a bar line; labels per sequence.
   */
  conditioning?: CorpusConditioning;
}

/** A loaded corpus: binary piano rolls per split plus what they mean. */
export interface Corpus extends DatasetSplits {
  /** Corpus name (built-in name, or the file's base name). */
  name: string;
  /** Roll width D (= high - low + 1). */
  dim: number;
  /** MIDI pitch of roll column 0. */
  low: number;
  /** Grid resolution, or null when unknown (a JSON file without a `stepsPerQuarter` field). */
  stepsPerQuarter: number | null;
  /** The resolved file (or MIDI folder) the corpus was read from. */
  source: string;
  /** For MIDI folders: files that could not be used, and why. */
  skipped?: SkippedFile[];
}

/** A corpus in its "pitches per step" form, before conversion to rolls. */
export interface CorpusPitchLists {
  /** Corpus name (built-in name, or the file's base name). */
  readonly name: string;
  /** Grid resolution, or null when unknown. */
  readonly stepsPerQuarter: number | null;
  /** The resolved file the corpus was read from. */
  readonly source: string;
  /** The sequences, steps normalised (integers, sorted, no duplicates). */
  readonly splits: PitchListSplits;
}

function offlineHint(name: CorpusName): string {
  const rel = CORPUS_MANIFEST[name].files.map((f) => f.path).join(' or ');
  return ` Set RNN_NADE_DATA_DIR (or pass dataDir / --data-dir) to a folder holding ${rel}.`;
}

interface ReadResult {
  readonly splits: PitchListSplits;
  /** A top-level `stepsPerQuarter` field of a JSON file, when present and valid. */
  readonly stepsPerQuarter: number | null;
}

async function readBounded(file: string, limits: Required<CorpusLimits>): Promise<Uint8Array> {
  const { size } = await stat(file);
  if (size > limits.maxFileBytes) {
    throw new CorpusFormatError(`${file} is ${size} bytes, more than maxFileBytes = ${limits.maxFileBytes}; raise the limit to read it.`);
  }
  return new Uint8Array(await readFile(file));
}

async function readEntry(file: string, entry: Pick<CorpusFileEntry, 'format'>, limits: Required<CorpusLimits>, bytes?: Uint8Array): Promise<ReadResult> {
  const data = bytes ?? (await readBounded(file, limits));
  if (entry.format === 'mat') {
    const vars = readMat(data, file, limits);
    const get = (k: string) => {
      const v = vars.get(k);
      if (!v) throw new CorpusFormatError(`${file}: MAT-file has no "${k}" variable.`);
      return matCellToPitchLists(v, 21, { ...limits, label: `${file} ${k}` });
    };
    return { splits: { train: get('traindata'), valid: get('validdata'), test: get('testdata') }, stepsPerQuarter: null };
  }
  scanJsonCorpusShape(data, file, limits);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch (cause) {
    throw new CorpusFormatError(`${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const spq = (json as { stepsPerQuarter?: unknown } | null)?.stepsPerQuarter;
  const stepsPerQuarter = typeof spq === 'number' && Number.isInteger(spq) && spq > 0 ? spq : null;
  return { splits: validatePitchLists(json, file, limits), stepsPerQuarter };
}

async function loadBuiltIn(name: CorpusName, options: LoadCorpusOptions): Promise<CorpusPitchLists> {
  const entry = CORPUS_MANIFEST[name];
  const dataDir = options.dataDir ?? process.env.RNN_NADE_DATA_DIR;
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const bases = [dataDir, cacheDir].filter((d): d is string => !!d);
  for (const base of bases) {
    for (const file of entry.files) {
      const full = path.resolve(base, file.path);
      if (existsSync(full)) {
        return { name, stepsPerQuarter: entry.stepsPerQuarter, source: full, splits: (await readEntry(full, file, resolveCorpusLimits(options))).splits };
      }
    }
  }
  const remote = entry.files.find((f) => f.url);
  const where = bases.length ? bases.join(', ') : '(no data dir)';
  if (options.download === false || !remote?.url) {
    throw new CorpusUnavailableError(`Corpus "${name}" was not found in ${where} and downloading is disabled.${offlineHint(name)}`);
  }
  const dest = path.resolve(cacheDir, remote.path);
  const log = options.log === undefined ? (m: string) => console.error(m) : (options.log ?? undefined);
  const bytes = await downloadVerified(remote.url, remote.sha256, dest, { fetch: options.fetch, log, hint: offlineHint(name) });
  return { name, stepsPerQuarter: entry.stepsPerQuarter, source: dest, splits: (await readEntry(dest, remote, resolveCorpusLimits(options), bytes)).splits };
}

async function loadFile(file: string, limits: Required<CorpusLimits>): Promise<CorpusPitchLists> {
  const full = path.resolve(file);
  if (!existsSync(full)) {
    throw new CorpusUnavailableError(`Corpus file ${full} does not exist. Built-in corpora: ${CORPUS_NAMES.join(', ')}.`);
  }
  const format = full.toLowerCase().endsWith('.mat') ? 'mat' : 'json';
  const { splits, stepsPerQuarter } = await readEntry(full, { format }, limits);
  const name = path.basename(full).replace(/\.(json|mat)$/i, '');
  return { name, stepsPerQuarter, source: full, splits };
}

/**
 * Loads a corpus as pitch lists (the JSON form), resolving it like {@link loadCorpus}.
 */
export async function loadCorpusPitchLists(nameOrFile: string, options: LoadCorpusOptions = {}): Promise<CorpusPitchLists> {
  return isCorpusName(nameOrFile) ? loadBuiltIn(nameOrFile, options) : loadFile(nameOrFile, resolveCorpusLimits(options));
}

/**
 * Loads one of the four Boulanger-Lewandowski corpora (`jsb`, `jsb-8th`, `jsb-16th`,
 * `nottingham`, `piano-midi-de`, `musedata`), a `{train, valid, test}` JSON file of
 * "MIDI pitches per step" sequences, or a folder of `.mid` files (see `loadMidiCorpus`;
 * `options.midi` says how to read it), as binary piano rolls.
 *
 * Resolution of a built-in name: `dataDir` / `RNN_NADE_DATA_DIR`, then the user cache
 * ({@link defaultCacheDir}), then a download from the public source into the cache with a
 * sha256 check. Offline, it throws {@link CorpusUnavailableError} telling you to set
 * `RNN_NADE_DATA_DIR`. Pitches are rounded and de-duplicated per step (the 8th/16th JSB files
 * hold floats and unison duplicates). Time and memory are bounded by the {@link CorpusLimits}
 * in `options` (file size, sequence length, total steps, ...), checked on the raw bytes before
 * parsing; a file over a limit throws {@link CorpusFormatError} naming the limit.
 *
 * @example
 * ```ts
 * const jsb = await loadCorpus('jsb'); // RNN_NADE_DATA_DIR=../shared/data
 * jsb.train.length; // 229
 * jsb.dim; // 88
 * const mine = await loadCorpus('./my-corpus.json', { range: { low: 36, high: 84 } });
 * ```
 */
export async function loadCorpus(nameOrFile: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  if (!isCorpusName(nameOrFile) && existsSync(nameOrFile) && statSync(nameOrFile).isDirectory()) {
    const midi = options.midi ?? {};
    const c = await loadMidiCorpus(nameOrFile, { ...midi, range: midi.range ?? options.range, conditioning: midi.conditioning ?? options.conditioning });
    const source = path.resolve(nameOrFile);
    const name = path.basename(source);
    const dataSpec = { dataset: name, stepsPerQuarter: c.stepsPerQuarter, low: c.low, high: c.low + c.dim - 1, dim: c.dim };
    return {
      train: c.train,
      valid: c.valid,
      test: c.test,
      name,
      dim: c.dim,
      low: c.low,
      stepsPerQuarter: c.stepsPerQuarter,
      source,
      skipped: c.skipped,
      dataSpec,
    };
  }
  const lists = await loadCorpusPitchLists(nameOrFile, options);
  const range = options.range ?? {};
  const low = range.low ?? 21;
  const high = range.high ?? 108;
  const rolls = pitchListsToSplits(lists.splits, { low, high }, lists.source);
  const splits = options.conditioning ? attachCorpusConditioning(rolls, options.conditioning, lists) : rolls;
  const dataSpec = { dataset: lists.name, stepsPerQuarter: lists.stepsPerQuarter, low, high, dim: high - low + 1 };
  return { ...splits, name: lists.name, dim: high - low + 1, low, stepsPerQuarter: lists.stepsPerQuarter, source: lists.source, dataSpec };
}
