import { RnnNadeError } from '@rnn-nade/core';

/**
 * A word-vector file (GloVe text format) could not be read: a malformed line, a wrong number
 * of fields, a non-decimal or NaN/Inf component, a duplicate word, a row count that differs from
 * its header, a line over the length limit, or an unreadable file. `line` is the 1-based
 * line number of the offending line when there is one.
 *
 * @example
 * ```ts
 * try { await readGloveVectors('glove.txt'); }
 * catch (e) { if (e instanceof VectorFileError) console.error(`line ${e.line}: ${e.message}`); }
 * ```
 */
export class VectorFileError extends RnnNadeError<'VECTOR_FILE'> {
  /** 1-based line number of the offending line, or `undefined` for file-level problems. */
  readonly line: number | undefined;
  /** The file, when the vectors were read from a path. */
  readonly file: string | undefined;
  /** Why reading failed, as a stable tag. */
  readonly reason: VectorFileErrorReason;
  /** The message without the file and line prefix. */
  readonly detail: string;
  constructor(reason: VectorFileErrorReason, message: string, line?: number, options?: { cause?: unknown; file?: string }) {
    const where = [options?.file, line === undefined ? undefined : `line ${line}`].filter((w) => w !== undefined).join(', ');
    super('VECTOR_FILE', where ? `${where}: ${message}` : message, options);
    this.reason = reason;
    this.line = line;
    this.file = options?.file;
    this.detail = message;
  }
}

/** The stable reasons of a {@link VectorFileError}. */
export type VectorFileErrorReason =
  | 'malformed-line'
  | 'field-count'
  | 'non-finite'
  | 'duplicate-word'
  | 'header-mismatch'
  | 'line-too-long'
  | 'empty'
  | 'unreadable';

/** A text corpus could not be read or an option of the text pipeline is invalid. */
export class TextDataError extends RnnNadeError<'TEXT_DATA'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TEXT_DATA', message, options);
  }
}
