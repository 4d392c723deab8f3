import { RnnNadeError } from '@rnn-nade/core';
import type { SplitName } from '../corpus/split';

/**
 * A roll-cache file is missing, truncated, not finished, or not a roll cache; the message names
 * the file and what is wrong.
 *
 * @example
 * ```ts
 * try { RollCache.open('corpus.rollcache'); } catch (e) { if (e instanceof RollCacheError) console.error(e.message); }
 * ```
 */
export class RollCacheError extends RnnNadeError<'ROLL_CACHE'> {
  /** The cache file. */
  readonly file: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super('ROLL_CACHE', `Roll cache ${file}: ${reason}`, options);
    this.file = file;
  }
}

/**
 * The binary roll-cache format, version 1 (little-endian):
 * - header, 32 bytes: magic `RNRC`, u16 version, u16 dim, u16 stepsPerQuarter, u16 flags (bit 0 =
 *   drums), u16 low (MIDI pitch of column 0), 18 reserved bytes;
 * - records: u32 steps, then the frames bit-packed (⌈steps·dim/8⌉ bytes, see `packSequence`);
 * - index, 16 bytes per record: u32 offset low, u32 offset high, u32 steps, u8 split (0 train,
 *   1 valid, 2 test), 3 reserved bytes;
 * - trailer, 24 bytes: u32 index offset low, u32 index offset high, u32 record count, u32 FNV-1a
 *   checksum of the index bytes, magic `RNRE`, 4 reserved bytes.
 * A file without its trailer (a crash mid-write, a truncated copy) is refused.
 */
export const ROLL_CACHE_FORMAT = {
  /** Format version written in the header. */
  version: 1,
  /** Size of the header. */
  headerBytes: 32,
  /** Size of one index entry. */
  indexEntryBytes: 16,
  /** Size of the trailer. */
  trailerBytes: 24,
  /** Magic at the start of the file. */
  magic: 'RNRC',
  /** Magic in the trailer (a finished file). */
  endMagic: 'RNRE',
} as const;

/** What a roll cache holds (stored in its header). */
export interface RollCacheHeader {
  /** Frame width (9 for drum classes, 88 for piano keys). */
  readonly dim: number;
  /** Grid resolution of the rolls. */
  readonly stepsPerQuarter: number;
  /** Drum rolls (columns = drum classes). */
  readonly drums: boolean;
  /** MIDI pitch of column 0 (0 for drums). */
  readonly low: number;
}

/** Split codes stored in the index. */
export const SPLIT_CODES: readonly SplitName[] = ['train', 'valid', 'test'];

/** 32-bit FNV-1a of bytes (the index checksum). */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
