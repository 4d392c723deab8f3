import { CorpusFormatError } from '../errors';
import type { CorpusLimits } from './corpus-limits';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }
const COLON = 0x3a;
/** Keys plus containers allowed directly in the top-level object (splits, metadata). */
const MAX_TOP_LEVEL_ITEMS = 2000;

/** What {@link scanJsonCorpusShape} counted. */
export interface JsonCorpusShape {
  /** Containers at depth 3 (the sequences of a well-formed corpus). */
  readonly sequences: number;
  /** Containers at depth 4 or deeper (the steps of a well-formed corpus). */
  readonly steps: number;
}

/**
 * Counts the sequences and steps of a `{"train": [[[60, 64], ...], ...], ...}` JSON corpus
 * on its raw UTF-8 bytes, in one pass and without allocating, and refuses it (with a
 * {@link CorpusFormatError} naming `label`, the sequence and the byte offset) as soon as a count
 * exceeds its limit, so that `JSON.parse` never builds millions of arrays from a small file.
 * Any nesting is counted (containers at depth >= 4 as steps), so a malformed shape cannot
 * escape the bound; the exact shape is checked after parsing.
 */
export function scanJsonCorpusShape(bytes: Uint8Array, label: string, limits: Required<CorpusLimits>): JsonCorpusShape {
  let depth = 0;
  let key = '';
  let keyStart = -1;
  let lastString = '';
  let topItems = 0;
  let sequences = 0;
  let steps = 0;
  let seqIndex = -1;
  let seqSteps = 0;
  const fail = (at: number, why: string): never => {
    throw new CorpusFormatError(`${label}: ${why} (at byte ${at}); raise the limit to read it.`);
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      const start = i + 1;
      for (i = start; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
      if (depth === 1) {
        keyStart = start;
        lastString = i - start <= 64 ? Buffer.from(bytes.subarray(start, i)).toString('utf8') : '(long key)';
      }
    } else if (OPEN.has(b)) {
      depth++;
      if (depth === 2 && ++topItems > MAX_TOP_LEVEL_ITEMS) fail(i, `more than ${MAX_TOP_LEVEL_ITEMS} top-level entries`);
      if (depth === 2) seqIndex = -1;
      if (depth === 3) {
        seqIndex++;
        seqSteps = 0;
        if (++sequences > limits.maxSequences) fail(i, `more than maxSequences = ${limits.maxSequences} sequences`);
      } else if (depth >= 4) {
        if (++seqSteps > limits.maxSequenceSteps) fail(i, `${key}[${seqIndex}] has more than maxSequenceSteps = ${limits.maxSequenceSteps} steps`);
        if (++steps > limits.maxTotalSteps) fail(i, `more than maxTotalSteps = ${limits.maxTotalSteps} steps in all splits together`);
      }
    } else if (CLOSE.has(b)) {
      depth--;
    } else if (b === COLON && depth === 1) {
      if (++topItems > MAX_TOP_LEVEL_ITEMS) fail(i, `more than ${MAX_TOP_LEVEL_ITEMS} top-level entries`);
      key = keyStart >= 0 ? lastString : '?';
    }
  }
  return { sequences, steps };
}
