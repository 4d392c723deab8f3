import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { ConfigError, type SequenceData } from '@rnn-nade/core';
import type { SplitName } from '../corpus/split';
import { packSequence, packedByteLength } from './bit-pack';
import { ROLL_CACHE_FORMAT as F, RollCacheError, SPLIT_CODES, fnv1a, type RollCacheHeader } from './cache-format';

const FLUSH_BYTES = 1 << 22; // 4 MiB of buffered records

/**
 * Writes a roll cache record by record (streaming: memory is the output buffer plus 16 bytes of
 * index per record). Records go to `<file>.tmp-<pid>`; {@link RollCacheWriter.close} appends the
 * index and trailer and renames it into place, so a crash never leaves a half-written cache under
 * the final name.
 *
 * @example
 * ```ts
 * const w = RollCacheWriter.create('groove.rollcache', { dim: 9, stepsPerQuarter: 4, drums: true, low: 0 });
 * w.appendSequence(seq, 'train');
 * w.close();
 * ```
 */
export class RollCacheWriter {
  /** Final path of the cache. */
  readonly file: string;
  /** What the cache holds. */
  readonly header: RollCacheHeader;
  private readonly tmp: string;
  private fd: number | null;
  private position: number;
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private offsets: number[] = [];
  private stepsList: number[] = [];
  private splits: number[] = [];
  private totalFrames = 0;

  private constructor(file: string, header: RollCacheHeader) {
    this.file = file;
    this.header = header;
    this.tmp = `${file}.tmp-${process.pid}`;
    this.fd = openSync(this.tmp, 'w');
    const h = new Uint8Array(F.headerBytes);
    const dv = new DataView(h.buffer);
    h.set(Buffer.from(F.magic, 'latin1'), 0);
    dv.setUint16(4, F.version, true);
    dv.setUint16(6, header.dim, true);
    dv.setUint16(8, header.stepsPerQuarter, true);
    dv.setUint16(10, header.drums ? 1 : 0, true);
    dv.setUint16(12, header.low, true);
    writeSync(this.fd, h);
    this.position = F.headerBytes;
  }

  /** Opens a new cache for writing (the final file appears only on `close`). */
  static create(file: string, header: RollCacheHeader): RollCacheWriter {
    for (const k of ['dim', 'stepsPerQuarter', 'low'] as const) {
      const v = header[k];
      if (!Number.isInteger(v) || v < (k === 'low' ? 0 : 1) || v > 0xffff)
        throw new ConfigError(`Roll cache header ${k} must be an integer in range, got ${v}.`);
    }
    return new RollCacheWriter(file, header);
  }

  /** Records written so far. */
  get count(): number {
    return this.offsets.length;
  }

  /** Frames written so far. */
  get frames(): number {
    return this.totalFrames;
  }

  /** Appends an already bit-packed record (`packed.length` must be ⌈steps·dim/8⌉). */
  appendPacked(packed: Uint8Array, steps: number, split: SplitName): void {
    if (this.fd === null) throw new RollCacheError(this.file, 'the writer is closed');
    if (!Number.isInteger(steps) || steps < 0 || steps > 0xffffffff) throw new ConfigError(`steps must be a 32-bit integer >= 0, got ${steps}.`);
    if (packed.length !== packedByteLength(steps, this.header.dim)) {
      throw new ConfigError(
        `A packed record of ${steps} steps x ${this.header.dim} needs ${packedByteLength(steps, this.header.dim)} bytes, got ${packed.length}.`,
      );
    }
    const code = SPLIT_CODES.indexOf(split);
    if (code < 0) throw new ConfigError(`Unknown split ${String(split)}.`);
    const head = new Uint8Array(4);
    new DataView(head.buffer).setUint32(0, steps, true);
    this.offsets.push(this.position);
    this.stepsList.push(steps);
    this.splits.push(code);
    this.totalFrames += steps;
    this.push(head);
    this.push(packed);
  }

  /** Appends a binary sequence (values > 0.5 are 1) of the cache's `dim`. */
  appendSequence(seq: SequenceData, split: SplitName): void {
    if (seq.dim !== this.header.dim) throw new ConfigError(`The cache holds ${this.header.dim}-wide frames, got a sequence of width ${seq.dim}.`);
    this.appendPacked(packSequence(seq), seq.steps, split);
  }

  /** Writes the index and trailer and moves the file into place. */
  close(): void {
    if (this.fd === null) return;
    const indexOffset = this.position;
    const n = this.offsets.length;
    const index = new Uint8Array(n * F.indexEntryBytes);
    const dv = new DataView(index.buffer);
    for (let i = 0; i < n; i++) {
      const o = i * F.indexEntryBytes;
      dv.setUint32(o, this.offsets[i]! % 2 ** 32, true);
      dv.setUint32(o + 4, Math.floor(this.offsets[i]! / 2 ** 32), true);
      dv.setUint32(o + 8, this.stepsList[i]!, true);
      dv.setUint8(o + 12, this.splits[i]!);
    }
    this.push(index);
    const trailer = new Uint8Array(F.trailerBytes);
    const tv = new DataView(trailer.buffer);
    tv.setUint32(0, indexOffset % 2 ** 32, true);
    tv.setUint32(4, Math.floor(indexOffset / 2 ** 32), true);
    tv.setUint32(8, n, true);
    tv.setUint32(12, fnv1a(index), true);
    trailer.set(Buffer.from(F.endMagic, 'latin1'), 16);
    this.push(trailer);
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.tmp, this.file);
  }

  /** Abandons the cache (the temporary file is removed; nothing appears under the final name). */
  abort(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    rmSync(this.tmp, { force: true });
  }

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.buffered += bytes.length;
    this.position += bytes.length;
    if (this.buffered >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.fd === null || this.buffered === 0) return;
    const all = Buffer.concat(this.chunks, this.buffered);
    let done = 0;
    while (done < all.length) done += writeSync(this.fd, all, done, all.length - done);
    this.chunks = [];
    this.buffered = 0;
  }
}
