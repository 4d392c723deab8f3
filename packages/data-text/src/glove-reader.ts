import { VectorFileError } from './errors';
import { LineTooLongError, describeSource, readLines, type TextSource } from './lines';
import type { WordVectors } from './word-vectors';

/** Options of {@link readGloveVectors}. */
export interface ReadGloveOptions {
  /** Stop after this many words (GloVe files are in frequency order, so this keeps the most frequent). */
  readonly maxWords?: number;
  /** Lower-case every word (default false; GloVe 6B is already lower-case). */
  readonly lowercase?: boolean;
  /** Vector dimension d. Default: inferred from the first line as (number of fields − 1). */
  readonly dim?: number;
  /**
   * What a repeated word does: `'error'` (default) throws a {@link VectorFileError};
   * `'keep-first'` keeps the first (most frequent) row and drops later ones — useful with
   * `lowercase` on a cased file.
   */
  readonly duplicates?: 'error' | 'keep-first';
  /**
   * Whether a word may contain spaces (default true, as in some GloVe 840B lines): the last d
   * fields are the vector and everything before them is the word, except that a word may not
   * end in a number (`for 0.15272 …` is a row with an extra value, not the word "for 0.15272").
   * With `false`, a line must have exactly d + 1 fields.
   */
  readonly spacesInWords?: boolean;
  /** Refuse vectors with more components than this (default 4096), before any row is stored. */
  readonly maxDim?: number;
  /** Refuse lines longer than this many characters (default 1 Mi; see `readLines`). */
  readonly maxLineLength?: number;
}

const NON_FINITE_LITERAL = /^[+-]?(nan|inf|infinity)$/i;
/** A plain decimal number: no hex, binary, octal, `Infinity`, `_` separators or empty string. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DEFAULT_MAX_DIM = 4096;

/** Parses the vector of one row into `row` and returns its word; throws {@link VectorFileError} naming `lineNo`. */
function parseRow(fields: readonly string[], row: Float32Array, lineNo: number, spacesInWords: boolean): string {
  const dim = row.length;
  const n = fields.length;
  const extra = n > dim + 1 && DECIMAL.test(fields[n - dim - 1]!);
  if (n < dim + 1 || (n > dim + 1 && (!spacesInWords || extra))) {
    const hint = extra ? ` (the word part ends in the number "${clip(fields[n - dim - 1]!)}": an extra value?)` : '';
    throw new VectorFileError('field-count', `expected a word and ${dim} numbers (${dim + 1} fields), got ${n} field${n === 1 ? '' : 's'}${hint}.`, lineNo);
  }
  for (let j = 0; j < dim; j++) {
    const f = fields[n - dim + j]!;
    if (NON_FINITE_LITERAL.test(f)) throw new VectorFileError('non-finite', `component ${j + 1} is ${f} (not a finite float32).`, lineNo);
    if (!DECIMAL.test(f)) throw new VectorFileError('malformed-line', `component ${j + 1} "${clip(f)}" is not a decimal number.`, lineNo);
    const v32 = Math.fround(Number(f));
    if (!Number.isFinite(v32)) throw new VectorFileError('non-finite', `component ${j + 1} is ${f} (not a finite float32).`, lineNo);
    row[j] = v32;
  }
  return n === dim + 1 ? fields[0]! : fields.slice(0, n - dim).join(' ');
}

function checkDim(dim: number, maxDim: number, lineNo?: number): void {
  if (dim > maxDim) throw new VectorFileError('malformed-line', `dimension ${dim} is larger than maxDim = ${maxDim} (raise maxDim to read it).`, lineNo);
}

/**
 * Reads word vectors in the GloVe text format (`word v1 … vd` per line, single spaces, UTF-8),
 * streaming line by line into one growing `Float32Array`, so a 400k-word file never exists
 * twice in memory as text. Memory is bounded by the input (and `maxLineLength`, `maxDim`).
 *
 * Rules: d is inferred from the first line (fields − 1) unless `dim` is given; the last d
 * fields of every line are the vector and the rest (joined with single spaces) is the word;
 * numbers are plain decimals (`0x1F`, `1_0`, `Infinity` are refused); blank lines are skipped;
 * a first line of exactly two integers (`count dim`, the word2vec / fastText `.vec` header) is
 * read as a header, and the file must then hold exactly `count` rows. Line numbers in errors
 * are 1-based and count every line of the file.
 *
 * @throws VectorFileError with `reason` `'malformed-line'` (a field is not a decimal number, no
 *   vector, or d over `maxDim`), `'field-count'` (not d + 1 fields), `'non-finite'` (NaN, Inf,
 *   or beyond float32 range), `'duplicate-word'`, `'header-mismatch'` (row count differs from
 *   the header), `'line-too-long'`, `'empty'` (no vectors at all) or `'unreadable'`.
 *
 * @example
 * ```ts
 * const glove = await readGloveVectors('glove.6B.50d.txt', { maxWords: 100_000 });
 * glove.dim; // 50
 * glove.matrix.subarray(glove.index.get('king')! * 50, (glove.index.get('king')! + 1) * 50);
 * ```
 */
export async function readGloveVectors(source: TextSource, options: ReadGloveOptions = {}): Promise<WordVectors> {
  const maxWords = options.maxWords ?? Infinity;
  if (!(maxWords >= 1)) throw new VectorFileError('malformed-line', `maxWords must be ≥ 1, got ${options.maxWords}.`);
  if (options.dim !== undefined && !(Number.isInteger(options.dim) && options.dim >= 1)) {
    throw new VectorFileError('malformed-line', `dim must be a positive integer, got ${options.dim}.`);
  }
  const maxDim = options.maxDim ?? DEFAULT_MAX_DIM;
  if (options.dim !== undefined) checkDim(options.dim, maxDim);
  let dim = options.dim ?? 0;
  const spacesInWords = options.spacesInWords ?? true;
  const words: string[] = [];
  const index = new Map<string, number>();
  let matrix = new Float32Array(0);
  let lineNo = 0;
  let seenContent = false;
  let declared: number | undefined;
  let rows = 0;
  let row = new Float32Array(0);
  const file = typeof source === 'string' ? source : undefined;

  try {
    for await (const raw of readLines(source, { maxLineLength: options.maxLineLength })) {
      lineNo++;
      const fields = raw.split(' ').filter((f) => f.length > 0);
      if (fields.length === 0) continue;
      if (!seenContent) {
        seenContent = true;
        if (fields.length === 2 && /^\d+$/.test(fields[0]!) && /^\d+$/.test(fields[1]!)) {
          declared = Number(fields[0]);
          if (dim === 0) dim = Number(fields[1]);
          else if (dim !== Number(fields[1]))
            throw new VectorFileError('header-mismatch', `the header declares dimension ${fields[1]}, but dim is ${dim}.`, lineNo);
          checkDim(dim, maxDim, lineNo);
          continue; // word2vec-style "count dim" header
        }
        if (dim === 0) dim = fields.length - 1;
        if (dim < 1) throw new VectorFileError('malformed-line', `"${clip(raw)}" has a word but no vector.`, lineNo);
        checkDim(dim, maxDim, lineNo);
      }
      if (row.length !== dim) row = new Float32Array(dim);
      let word = parseRow(fields, row, lineNo, spacesInWords);
      rows++;
      if (options.lowercase) word = word.toLowerCase();
      const previous = index.get(word);
      if (previous !== undefined) {
        if (options.duplicates === 'keep-first') continue;
        throw new VectorFileError('duplicate-word', `duplicate word "${clip(word)}" (first seen as row ${previous + 1}).`, lineNo);
      }
      const r = words.length;
      if ((r + 1) * dim > matrix.length) {
        const grown = new Float32Array(Math.max(1024 * dim, matrix.length * 2));
        grown.set(matrix);
        matrix = grown;
      }
      matrix.set(row, r * dim);
      words.push(word);
      index.set(word, r);
      if (words.length >= maxWords) break;
    }
  } catch (error) {
    const options = { cause: error, file };
    if (error instanceof VectorFileError) throw new VectorFileError(error.reason, error.detail, error.line, options);
    if (error instanceof LineTooLongError) {
      const detail = `the line is longer than maxLineLength = ${error.maxLineLength} characters (no newline? raise maxLineLength to read it).`;
      throw new VectorFileError('line-too-long', detail, error.line, options);
    }
    throw new VectorFileError('unreadable', `Cannot read ${describeSource(source)}: ${(error as Error).message}`, undefined, options);
  }
  if (words.length === 0) throw new VectorFileError('empty', 'The vector file contains no word vectors.', undefined, { file });
  if (declared !== undefined && words.length < maxWords && rows !== declared) {
    throw new VectorFileError('header-mismatch', `the header declares ${declared} rows, but the file has ${rows}.`, undefined, { file });
  }
  return { words, dim, matrix: matrix.slice(0, words.length * dim), index };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
