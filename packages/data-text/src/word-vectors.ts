import { TextDataError } from './errors';

/**
 * A vocabulary of words and their vectors, stored as one row-major matrix: the vector of
 * `words[i]` is `matrix.subarray(i * dim, (i + 1) * dim)`.
 */
export interface WordVectors {
  /** Words in file order (row order). */
  readonly words: string[];
  /** Vector dimension d. */
  readonly dim: number;
  /** `words.length * dim` values, row-major. */
  readonly matrix: Float32Array;
  /** Word → row index. */
  readonly index: Map<string, number>;
}

/**
 * Builds a {@link WordVectors} from words and a row-major matrix (checked: sizes agree, no
 * duplicate words, finite values). Used for synthetic vocabularies and tests.
 *
 * @example
 * ```ts
 * const v = createWordVectors(['a', 'b'], Float32Array.from([1, 0, 0, 1]), 2);
 * ```
 */
export function createWordVectors(words: readonly string[], matrix: Float32Array, dim: number): WordVectors {
  if (!Number.isInteger(dim) || dim < 1) throw new TextDataError(`Vector dimension must be a positive integer, got ${dim}.`);
  if (matrix.length !== words.length * dim) {
    throw new TextDataError(`Matrix has ${matrix.length} values; ${words.length} words × ${dim} needs ${words.length * dim}.`);
  }
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    if (index.has(w)) throw new TextDataError(`Duplicate word "${w}" at rows ${index.get(w)} and ${i}.`);
    index.set(w, i);
  });
  for (let i = 0; i < matrix.length; i++) {
    if (!Number.isFinite(matrix[i]!)) throw new TextDataError(`Non-finite value in the row of "${words[Math.floor(i / dim)]}".`);
  }
  return { words: [...words], dim, matrix, index };
}

/**
 * The vector of `word` (a view into the matrix, not a copy), or `undefined` when the word is not
 * in the vocabulary.
 */
export function getWordVector(vectors: WordVectors, word: string): Float32Array | undefined {
  const i = vectors.index.get(word);
  return i === undefined ? undefined : vectors.matrix.subarray(i * vectors.dim, (i + 1) * vectors.dim);
}

/**
 * A new vocabulary with extra words appended (e.g. an `<eos>` or `<unk>` vector), so that they
 * take part in decoding. Existing words keep their rows.
 *
 * @example
 * ```ts
 * const withEos = withExtraWords(glove, { '<eos>': eosVector });
 * ```
 */
export function withExtraWords(vectors: WordVectors, extra: Readonly<Record<string, Float32Array>>): WordVectors {
  const names = Object.keys(extra);
  const matrix = new Float32Array((vectors.words.length + names.length) * vectors.dim);
  matrix.set(vectors.matrix);
  names.forEach((w, j) => {
    const v = extra[w]!;
    if (v.length !== vectors.dim) throw new TextDataError(`Vector for "${w}" has length ${v.length}, expected ${vectors.dim}.`);
    matrix.set(v, (vectors.words.length + j) * vectors.dim);
  });
  return createWordVectors([...vectors.words, ...names], matrix, vectors.dim);
}

/** The mean of all rows: a neutral vector, e.g. for unknown words. */
export function meanVector(vectors: WordVectors): Float32Array {
  const { dim, matrix } = vectors;
  const n = vectors.words.length;
  const acc = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) acc[j]! += matrix[i * dim + j]!;
  return Float32Array.from(acc, (s) => (n > 0 ? s / n : 0));
}
