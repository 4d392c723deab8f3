import { VectorFileError } from './errors';
import { readLines, type TextSource } from './lines';
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
   * fields are the vector and everything before them is the word. With `false`, a line must have
   * exactly d + 1 fields.
   */
  readonly spacesInWords?: boolean;
}

const NON_FINITE_LITERAL = /^[+-]?(nan|inf|infinity)$/i;

/**
 * Reads word vectors in the GloVe text format (`word v1 … vd` per line, single spaces, UTF-8),
 * streaming line by line into one growing `Float32Array`, so a 400k-word file never exists
 * twice in memory as text.
 *
 * Rules: d is inferred from the first line (fields − 1) unless `dim` is given; the last d
 * fields of every line are the vector and the rest (joined with single spaces) is the word;
 * blank lines are skipped; a first line of exactly two integers (`count dim`, the word2vec /
 * fastText `.vec` header) is read as a header. Line numbers in errors are 1-based and count
 * every line of the file.
 *
 * @throws VectorFileError with `reason` `'malformed-line'` (a field is not a number, or no
 *   vector), `'field-count'` (fewer than d + 1 fields), `'non-finite'` (NaN, Inf, or beyond
 *   float32 range), `'duplicate-word'`, `'empty'` (no vectors at all) or `'unreadable'`.
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
  let dim = options.dim ?? 0;
  const spacesInWords = options.spacesInWords ?? true;
  const words: string[] = [];
  const index = new Map<string, number>();
  let matrix = new Float32Array(0);
  let lineNo = 0;
  let seenContent = false;
  const row = new Float32Array(4096);

  try {
    for await (const raw of readLines(source)) {
      lineNo++;
      const fields = raw.split(' ').filter((f) => f.length > 0);
      if (fields.length === 0) continue;
      if (!seenContent) {
        seenContent = true;
        if (fields.length === 2 && /^\d+$/.test(fields[0]!) && /^\d+$/.test(fields[1]!)) {
          if (dim === 0) dim = Number(fields[1]);
          continue; // word2vec-style "count dim" header
        }
        if (dim === 0) dim = fields.length - 1;
        if (dim < 1) throw new VectorFileError('malformed-line', `"${clip(raw)}" has a word but no vector.`, lineNo);
        if (dim > row.length) throw new VectorFileError('malformed-line', `dimension ${dim} is larger than supported (${row.length}).`, lineNo);
      }
      const n = fields.length;
      if (n < dim + 1 || (!spacesInWords && n !== dim + 1)) {
        throw new VectorFileError(
          'field-count',
          `expected a word and ${dim} numbers (${dim + 1} fields), got ${n} field${n === 1 ? '' : 's'}.`,
          lineNo,
        );
      }
      for (let j = 0; j < dim; j++) {
        const f = fields[n - dim + j]!;
        const v = Number(f);
        if (Number.isNaN(v) && !NON_FINITE_LITERAL.test(f)) {
          throw new VectorFileError('malformed-line', `component ${j + 1} "${clip(f)}" is not a number.`, lineNo);
        }
        const v32 = Math.fround(v);
        if (!Number.isFinite(v32)) {
          throw new VectorFileError('non-finite', `component ${j + 1} is ${f} (not a finite float32).`, lineNo);
        }
        row[j] = v32;
      }
      let word = n === dim + 1 ? fields[0]! : fields.slice(0, n - dim).join(' ');
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
      matrix.set(row.subarray(0, dim), r * dim);
      words.push(word);
      index.set(word, r);
      if (words.length >= maxWords) break;
    }
  } catch (error) {
    if (error instanceof VectorFileError) throw error;
    const what = typeof source === 'string' ? `"${source}"` : 'the vector stream';
    throw new VectorFileError('unreadable', `Cannot read ${what}: ${(error as Error).message}`, undefined, { cause: error });
  }
  if (words.length === 0) throw new VectorFileError('empty', 'The vector file contains no word vectors.');
  return { words, dim, matrix: matrix.slice(0, words.length * dim), index };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
