import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ConfigError, type PaddedBatch, type Rng, type SequenceData } from '@rnn-nade/core';
import { iterateBatches } from '@rnn-nade/core/advanced';
import type { SplitName } from '../corpus/split';
import { packedByteLength } from './bit-pack';
import { ROLL_CACHE_FORMAT as F, RollCacheError, SPLIT_CODES, fnv1a, type RollCacheHeader } from './cache-format';

/** Options of {@link RollCache.batches}. */
export interface CacheBatchOptions {
  /** Which records (default `'train'`; `'all'` = every record). */
  readonly split?: SplitName | 'all';
  /** Sequences per batch. */
  readonly batchSize: number;
  /** Truncated-BPTT chunk length (default: whole sequences / windows). */
  readonly chunkSteps?: number;
  /** Crop each sequence longer than this to a random window of this many steps (needs `rng`). */
  readonly window?: number;
  /** Shuffles the record order (and places the windows) when given. */
  readonly rng?: Rng;
}

function readExactly(fd: number, file: string, position: number, length: number): Uint8Array {
  const buf = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new RollCacheError(file, `unexpected end of file at byte ${position + done} (truncated?)`);
    done += n;
  }
  return buf;
}

/**
 * A roll cache opened for reading: the header and the record index (16 bytes per record) are in
 * memory, the rolls stay on disk and are read on demand, so a corpus of any size streams in
 * batches ({@link RollCache.batches}) with memory bounded by the batch. Opening validates the
 * header, trailer, index checksum and every record's bounds; a truncated or unfinished file
 * throws {@link RollCacheError}.
 *
 * @example
 * ```ts
 * const cache = RollCache.open('groove.rollcache');
 * for (const batch of cache.batches({ split: 'train', batchSize: 64, window: 64, rng: new Rng(1) })) {
 *   trainStep(model, optimizer, batch, { rng, state: undefined, learningRate: 1e-3, clipNorm: 5 });
 * }
 * cache.close();
 * ```
 */
export class RollCache {
  /** The cache file. */
  readonly file: string;
  /** What the cache holds. */
  readonly header: RollCacheHeader;
  /** Number of records. */
  readonly count: number;
  private fd: number | null;
  private readonly offsets: Float64Array;
  private readonly stepsOf: Uint32Array;
  private readonly splitOf: Uint8Array;

  private constructor(file: string) {
    this.file = file;
    try {
      this.fd = openSync(file, 'r');
    } catch (cause) {
      throw new RollCacheError(file, `cannot open (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, { cause });
    }
    try {
      const size = fstatSync(this.fd).size;
      if (size < F.headerBytes + F.trailerBytes) throw new RollCacheError(file, `${size} bytes is too short for a roll cache (truncated?)`);
      const h = readExactly(this.fd, file, 0, F.headerBytes);
      const hv = new DataView(h.buffer);
      if (Buffer.from(h.subarray(0, 4)).toString('latin1') !== F.magic) throw new RollCacheError(file, 'not a roll cache (bad magic)');
      const version = hv.getUint16(4, true);
      if (version !== F.version) throw new RollCacheError(file, `unsupported format version ${version} (this reader knows ${F.version})`);
      this.header = {
        dim: hv.getUint16(6, true),
        stepsPerQuarter: hv.getUint16(8, true),
        drums: (hv.getUint16(10, true) & 1) === 1,
        low: hv.getUint16(12, true),
      };
      if (this.header.dim < 1) throw new RollCacheError(file, 'header has dim 0');
      const t = readExactly(this.fd, file, size - F.trailerBytes, F.trailerBytes);
      const tv = new DataView(t.buffer);
      if (Buffer.from(t.subarray(16, 20)).toString('latin1') !== F.endMagic) {
        throw new RollCacheError(file, 'no trailer: the file is truncated or was never finished (RollCacheWriter.close not reached)');
      }
      const indexOffset = tv.getUint32(0, true) + tv.getUint32(4, true) * 2 ** 32;
      const count = tv.getUint32(8, true);
      if (indexOffset < F.headerBytes || indexOffset + count * F.indexEntryBytes + F.trailerBytes !== size) {
        throw new RollCacheError(file, `index (${count} records at byte ${indexOffset}) does not fit a file of ${size} bytes (truncated or corrupt)`);
      }
      const index = readExactly(this.fd, file, indexOffset, count * F.indexEntryBytes);
      if (fnv1a(index) !== tv.getUint32(12, true)) throw new RollCacheError(file, 'index checksum mismatch (corrupt)');
      const iv = new DataView(index.buffer);
      this.count = count;
      this.offsets = new Float64Array(count);
      this.stepsOf = new Uint32Array(count);
      this.splitOf = new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        const o = i * F.indexEntryBytes;
        const off = iv.getUint32(o, true) + iv.getUint32(o + 4, true) * 2 ** 32;
        const steps = iv.getUint32(o + 8, true);
        const split = iv.getUint8(o + 12);
        if (off < F.headerBytes || off + 4 + packedByteLength(steps, this.header.dim) > indexOffset || split >= SPLIT_CODES.length) {
          throw new RollCacheError(file, `index entry ${i} points outside the records (corrupt)`);
        }
        this.offsets[i] = off;
        this.stepsOf[i] = steps;
        this.splitOf[i] = split;
      }
    } catch (error) {
      closeSync(this.fd);
      this.fd = null;
      throw error;
    }
  }

  /** Opens and validates a cache file. */
  static open(file: string): RollCache {
    return new RollCache(file);
  }

  /** Steps of record `i`. */
  steps(i: number): number {
    this.check(i);
    return this.stepsOf[i]!;
  }

  /** Split of record `i`. */
  split(i: number): SplitName {
    this.check(i);
    return SPLIT_CODES[this.splitOf[i]!]!;
  }

  /** Record indices of a split (in file order). */
  indices(split: SplitName | 'all' = 'all'): number[] {
    const out: number[] = [];
    const code = split === 'all' ? -1 : SPLIT_CODES.indexOf(split);
    for (let i = 0; i < this.count; i++) if (code < 0 || this.splitOf[i] === code) out.push(i);
    return out;
  }

  /** Records and frames per split. */
  stats(): Record<
    SplitName,
    {
      /** Number of sequences in the split. */
      records: number;
      /** Total frames (steps) of those sequences. */
      frames: number;
    }
  > {
    const s = { train: { records: 0, frames: 0 }, valid: { records: 0, frames: 0 }, test: { records: 0, frames: 0 } };
    for (let i = 0; i < this.count; i++) {
      const e = s[SPLIT_CODES[this.splitOf[i]!]!];
      e.records++;
      e.frames += this.stepsOf[i]!;
    }
    return s;
  }

  /** Reads record `i` (optionally only steps `from` .. `from + length`) as a 0/1 float sequence. */
  read(i: number, window?: { from: number; length: number }): SequenceData {
    this.check(i);
    if (this.fd === null) throw new RollCacheError(this.file, 'the cache is closed');
    const steps = this.stepsOf[i]!;
    const dim = this.header.dim;
    const head = readExactly(this.fd, this.file, this.offsets[i]!, 4);
    if (new DataView(head.buffer).getUint32(0, true) !== steps) throw new RollCacheError(this.file, `record ${i} disagrees with the index (corrupt)`);
    const from = window ? Math.max(0, Math.min(window.from, steps)) : 0;
    const length = window ? Math.max(0, Math.min(window.length, steps - from)) : steps;
    // Read only the bytes that hold bits [from·dim, (from+length)·dim).
    const bit0 = from * dim;
    const byte0 = bit0 >> 3;
    const byte1 = packedByteLength(from + length, dim);
    const bytes = readExactly(this.fd, this.file, this.offsets[i]! + 4 + byte0, byte1 - byte0);
    const data = new Float32Array(length * dim);
    const shift = bit0 - byte0 * 8;
    for (let k = 0; k < data.length; k++) {
      const b = k + shift;
      data[k] = (bytes[b >> 3]! >> (b & 7)) & 1;
    }
    return { steps: length, dim, data };
  }

  /**
   * Streams padded training batches: records of a split (shuffled with `rng`), read `batchSize`
   * at a time (cropped to a random `window` when given) and cut into `chunkSteps` chunks. Only
   * one batch of rolls is in memory at a time.
   */
  *batches(options: CacheBatchOptions): Generator<PaddedBatch> {
    const { batchSize } = options;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new ConfigError(`batchSize must be an integer >= 1, got ${batchSize}.`);
    if (options.window !== undefined && (!Number.isInteger(options.window) || options.window < 1)) {
      throw new ConfigError(`window must be an integer >= 1, got ${options.window}.`);
    }
    const order = this.indices(options.split ?? 'train').filter((i) => this.stepsOf[i]! > 0);
    if (options.rng) options.rng.shuffle(order);
    for (let start = 0; start < order.length; start += batchSize) {
      const group = order.slice(start, start + batchSize).map((i) => {
        const steps = this.stepsOf[i]!;
        const w = options.window;
        if (w === undefined || steps <= w) return this.read(i);
        const from = options.rng ? options.rng.int(steps - w + 1) : 0;
        return this.read(i, { from, length: w });
      });
      yield* iterateBatches(group, { batchSize: group.length, chunkSteps: options.chunkSteps });
    }
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private check(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new RangeError(`Record ${i} is not in 0..${this.count - 1}.`);
  }
}
