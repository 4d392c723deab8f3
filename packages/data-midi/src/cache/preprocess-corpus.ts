import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '@rnn-nade/core';
import { CorpusUnavailableError } from '../errors';
import { walkMidiFiles, type SkippedFile } from '../corpus/midi-corpus';
import { readCsvSplits } from '../corpus/read-csv-splits';
import { splitOf, type SplitFractions, type SplitName } from '../corpus/split';
import { resolveMidiLimits, type MidiLimits } from '../midi/limits';
import { RollCacheWriter } from './cache-writer';
import { preprocessChunk, type PreprocessChunkResult, type PreprocessJob, type PreprocessRollOptions } from './preprocess-chunk';

/** Options of {@link preprocessMidiToCache}. */
export interface PreprocessOptions extends MidiLimits {
  /** Drum rolls: 9 classes from channel 10 (default false = 88-key piano rolls). */
  readonly drums?: boolean;
  /** Grid resolution (default 4). */
  readonly stepsPerQuarter?: number;
  /** Pitch range of pitched rolls (default 21..108). */
  readonly range?: {
    /** Lowest MIDI pitch (default 21). */
    readonly low?: number;
    /** Highest MIDI pitch, inclusive (default 108). */
    readonly high?: number;
  };
  /** Worker threads (default: available cores; 0 = in this thread). */
  readonly workers?: number;
  /**
   * Let the calling thread process a unit itself whenever every worker is busy or still starting
   * (default true). With false, units wait for a worker.
   */
  readonly useCallingThread?: boolean;
  /** Files per unit of work sent to a worker (default 256). */
  readonly chunkFiles?: number;
  /** Split from a CSV (e.g. Groove MIDI's `info.csv`, columns `midi_filename` / `split`); default: the hashed split. */
  readonly splitCsv?: string;
  /** Hashed split fractions (default 10 % valid, 10 % test). */
  readonly split?: SplitFractions;
  /** Called for every skipped file. */
  readonly onSkip?: (skipped: SkippedFile) => void;
  /** Called after each chunk is written, with the files seen so far. */
  readonly onProgress?: (info: { files: number; records: number; frames: number }) => void;
}

/** What {@link preprocessMidiToCache} did. */
export interface PreprocessReport {
  /** The cache written. */
  readonly cacheFile: string;
  /** MIDI files found. */
  readonly files: number;
  /** Rolls written. */
  readonly records: number;
  /** Frames written. */
  readonly frames: number;
  /** Files skipped (count). */
  readonly skippedCount: number;
  /** The first 1,000 skipped files, with why. */
  readonly skipped: SkippedFile[];
  /** Worker threads used (0 = in-process). */
  readonly workers: number;
  /** Units of work done by worker threads. */
  readonly workerChunks: number;
  /** Units of work done by the calling thread. */
  readonly threadChunks: number;
  /** Wall time, seconds. */
  readonly seconds: number;
  /** Bytes of the cache file. */
  readonly bytes: number;
}

/**
 * How to start a worker: `preprocess-worker.js` beside the built bundle; from the TypeScript
 * sources (tests, tsx scripts) a small bootstrap registers tsx's loader inside the worker first
 * (Node 20 workers do not inherit `--import` loaders).
 */
function workerSpec(): { script: string | URL; eval: boolean } {
  const js = new URL('./preprocess-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { script: js, eval: false };
  const ts = new URL('./preprocess-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(ts))) {
    throw new ConfigError(`The preprocessing worker script was not found next to ${fileURLToPath(import.meta.url)}; use workers: 0.`);
  }
  let api: string;
  try {
    const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
    api = pathToFileURL(path.join(path.dirname(pkg), 'dist/esm/api/index.mjs')).href;
  } catch (cause) {
    throw new ConfigError(
      `Running the preprocessing workers from TypeScript sources needs the tsx package (${String(cause)}); build the package or use workers: 0.`,
    );
  }
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(ts.href)}); });`;
  return { script: code, eval: true };
}

async function* jobsOf(root: string, options: PreprocessOptions, skip: (s: SkippedFile) => void): AsyncGenerator<PreprocessJob> {
  const csv = options.splitCsv ? await readCsvSplits({ file: path.resolve(root, options.splitCsv) }) : null;
  for await (const file of walkMidiFiles(root)) {
    let split: SplitName | undefined;
    if (csv) {
      split = csv.get(file);
      if (!split) {
        skip({ file, reason: 'not listed in the split CSV' });
        continue;
      }
    } else split = splitOf(file, options.split);
    yield { path: path.join(root, file), file, split };
  }
}

async function* chunksOf<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const x of items) {
    chunk.push(x);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/**
 * Streams a folder of MIDI files (recursively) into a bit-packed roll cache: files are read,
 * quantised and packed by worker threads (one unit of `chunkFiles` files at a time; the calling
 * thread takes a unit itself whenever every worker is busy or still starting, so workers only add
 * capacity), and the results are appended in file order, so the cache is identical whatever the
 * number of workers.
 * Memory is bounded by the chunks in flight (at most about 3 per worker), not by the corpus; the
 * cache's index costs 16 bytes per roll. Unreadable files are skipped and reported.
 *
 * @example
 * ```ts
 * const report = await preprocessMidiToCache('groove-midi', 'groove.rollcache', { drums: true, splitCsv: 'info.csv' });
 * console.log(report.files / report.seconds, 'files/s');
 * ```
 */
export async function preprocessMidiToCache(dir: string, cacheFile: string, options: PreprocessOptions = {}): Promise<PreprocessReport> {
  const started = performance.now();
  const root = path.resolve(dir);
  if (!existsSync(root)) throw new CorpusUnavailableError(`MIDI corpus folder ${root} does not exist.`);
  const drums = options.drums ?? false;
  const roll: PreprocessRollOptions = {
    drums,
    stepsPerQuarter: options.stepsPerQuarter ?? 4,
    low: drums ? 0 : (options.range?.low ?? 21),
    high: drums ? 127 : (options.range?.high ?? 108),
    ...resolveMidiLimits(options),
  };
  const dim = drums ? 9 : roll.high - roll.low + 1;
  if (!(dim >= 1 && roll.low >= 0 && roll.high <= 127)) throw new ConfigError(`Invalid pitch range ${roll.low}..${roll.high}.`);
  const chunkFiles = options.chunkFiles ?? 256;
  if (!Number.isInteger(chunkFiles) || chunkFiles < 1) throw new ConfigError(`chunkFiles must be an integer >= 1, got ${chunkFiles}.`);
  const nWorkers = options.workers ?? availableParallelism();
  if (!Number.isInteger(nWorkers) || nWorkers < 0) throw new ConfigError(`workers must be an integer >= 0, got ${nWorkers}.`);

  const writer = RollCacheWriter.create(cacheFile, { dim, stepsPerQuarter: roll.stepsPerQuarter, drums, low: roll.low });
  const skipped: SkippedFile[] = [];
  let skippedCount = 0;
  let files = 0;
  let workerChunks = 0;
  let threadChunks = 0;
  const skip = (s: SkippedFile) => {
    skippedCount++;
    if (skipped.length < 1000) skipped.push(s);
    options.onSkip?.(s);
  };
  const write = (r: PreprocessChunkResult) => {
    let at = 0;
    r.steps.forEach((steps, k) => {
      const n = Math.ceil((steps * dim) / 8);
      writer.appendPacked(r.bytes.subarray(at, at + n), steps, r.splits[k]!);
      at += n;
    });
    r.skipped.forEach(skip);
    options.onProgress?.({ files, records: writer.count, frames: writer.frames });
  };

  const pool: Worker[] = [];
  try {
    const chunks = chunksOf(jobsOf(root, options, skip), chunkFiles);
    if (nWorkers === 0) {
      for await (const chunk of chunks) {
        files += chunk.length;
        threadChunks++;
        write(preprocessChunk(chunk, roll));
      }
    } else {
      const spec = workerSpec();
      const pending = new Map<Worker, { resolve: (r: PreprocessChunkResult) => void; reject: (e: Error) => void }>();
      const idle: Worker[] = [];
      let workerError: Error | null = null;
      for (let i = 0; i < nWorkers; i++) {
        const w = new Worker(spec.script, { eval: spec.eval });
        w.on('message', (msg: { ready?: boolean; result?: PreprocessChunkResult; error?: string }) => {
          if (msg.ready) {
            idle.push(w);
            return;
          }
          const p = pending.get(w);
          pending.delete(w);
          if (msg.error !== undefined || !msg.result) p?.reject(new Error(`preprocessing worker failed: ${msg.error}`));
          else p?.resolve(msg.result);
        });
        w.on('error', (e) => {
          workerError ??= e;
          const p = pending.get(w);
          pending.delete(w);
          p?.reject(e);
        });
        pool.push(w);
      }
      const done = new Map<number, PreprocessChunkResult>();
      const running = new Set<Promise<void>>();
      let nextId = 0;
      let nextWrite = 0;
      const drain = () => {
        while (done.has(nextWrite)) {
          write(done.get(nextWrite)!);
          done.delete(nextWrite++);
        }
      };
      const nextTick = () => new Promise<void>((r) => setImmediate(r));
      for await (const chunk of chunks) {
        await nextTick(); // let worker messages (ready, results) in
        if (workerError) throw workerError;
        while (done.size > 2 * nWorkers + 2 && running.size > 0) await Promise.race(running);
        const id = nextId++;
        files += chunk.length;
        if (options.useCallingThread === false) {
          while (idle.length === 0) {
            if (workerError) throw workerError;
            if (running.size > 0) await Promise.race(running);
            else await nextTick();
          }
        }
        const w = idle.pop();
        if (!w) {
          // Every worker is busy (or still starting): this thread takes the chunk itself.
          threadChunks++;
          done.set(id, preprocessChunk(chunk, roll));
          drain();
          continue;
        }
        workerChunks++;
        const task = new Promise<PreprocessChunkResult>((resolve, reject) => {
          pending.set(w, { resolve, reject });
          w.postMessage({ id, jobs: chunk, options: roll });
        }).then((r) => {
          done.set(id, r);
          idle.push(w);
          drain();
        });
        const tracked: Promise<void> = task.finally(() => running.delete(tracked));
        running.add(tracked);
      }
      await Promise.all(running);
      drain();
    }
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return {
    cacheFile,
    files,
    records: writer.count,
    frames: writer.frames,
    skippedCount,
    skipped,
    workers: nWorkers,
    workerChunks,
    threadChunks,
    seconds: (performance.now() - started) / 1000,
    bytes: statSync(cacheFile).size,
  };
}
