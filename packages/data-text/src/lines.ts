import { TextDataError } from './errors';
import { openTextFile, type OpenedTextFile } from './text-file';

/**
 * Where text comes from: a file path, a Node readable stream, or any (async) iterable of
 * string / byte chunks (e.g. `[text]` for a string already in memory).
 */
export type TextSource = string | NodeJS.ReadableStream | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Default {@link ReadLinesOptions.maxLineLength}: 1 Mi characters. */
export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  /**
   * Refuse a line longer than this many characters (default {@link DEFAULT_MAX_LINE_LENGTH}),
   * so a file without newlines fails fast instead of being buffered whole.
   */
  readonly maxLineLength?: number;
}

/**
 * A line of a text source is longer than the reader's `maxLineLength` (a binary file, or a file
 * without newlines). `line` is its 1-based number.
 *
 * @example
 * ```ts
 * try { for await (const l of readLines('big.txt', { maxLineLength: 1e4 })) use(l); }
 * catch (e) { if (e instanceof LineTooLongError) console.error(e.line, e.message); }
 * ```
 */
export class LineTooLongError extends TextDataError {
  /** 1-based number of the offending line. */
  readonly line: number;
  /** The limit that was exceeded. */
  readonly maxLineLength: number;
  constructor(what: string, line: number, maxLineLength: number) {
    super(`${what}: line ${line} is longer than maxLineLength = ${maxLineLength} characters (no newline? raise maxLineLength to read it).`);
    this.line = line;
    this.maxLineLength = maxLineLength;
  }
}

/** How errors name a source: the path, or `'the text stream'`. */
export function describeSource(source: TextSource): string {
  return typeof source === 'string' ? `"${source}"` : 'the text stream';
}

/**
 * Streams the lines of a text source without holding the whole file in memory. UTF-8 is decoded
 * across chunk boundaries; `\n` and `\r\n` both end a line; a final line without a newline is
 * yielded too. Breaking out of the loop closes the underlying file. Each chunk is scanned once,
 * and memory is bounded by `maxLineLength`: a longer line throws {@link LineTooLongError}.
 *
 * @example
 * ```ts
 * for await (const line of readLines('corpus.txt')) console.log(line);
 * ```
 */
export async function* readLines(source: TextSource, options: ReadLinesOptions = {}): AsyncGenerator<string> {
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  if (!(maxLineLength === Infinity || (Number.isInteger(maxLineLength) && maxLineLength >= 1))) {
    throw new TextDataError(`maxLineLength must be a positive integer (or Infinity), got ${maxLineLength}.`);
  }
  const file: OpenedTextFile | null = typeof source === 'string' ? openTextFile(source) : null;
  const stream = file ? file.chunks : source;
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let lineNo = 0;
  const finish = (line: string): string => {
    lineNo++;
    if (line.length > maxLineLength) throw new LineTooLongError(describeSource(source), lineNo, maxLineLength);
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  };
  try {
    for await (const chunk of stream as AsyncIterable<string | Uint8Array>) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
        const line = pending + text.slice(start, nl);
        pending = '';
        yield finish(line);
        start = nl + 1;
      }
      pending += text.slice(start);
      if (pending.length > maxLineLength) throw new LineTooLongError(describeSource(source), lineNo + 1, maxLineLength);
    }
    pending += decoder.decode();
    if (pending.length > 0) yield finish(pending);
  } finally {
    file?.close();
  }
}
