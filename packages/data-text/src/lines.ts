import { createReadStream } from 'node:fs';

/**
 * Where text comes from: a file path, a Node readable stream, or any (async) iterable of
 * string / byte chunks (e.g. `[text]` for a string already in memory).
 */
export type TextSource = string | NodeJS.ReadableStream | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * Streams the lines of a text source without holding the whole file in memory. UTF-8 is decoded
 * across chunk boundaries; `\n` and `\r\n` both end a line; a final line without a newline is
 * yielded too. Breaking out of the loop closes the underlying file.
 *
 * @example
 * ```ts
 * for await (const line of readLines('corpus.txt')) console.log(line);
 * ```
 */
export async function* readLines(source: TextSource): AsyncGenerator<string> {
  const stream = typeof source === 'string' ? createReadStream(source) : source;
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  try {
    for await (const chunk of stream as AsyncIterable<string | Uint8Array>) {
      pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      let start = 0;
      let nl: number;
      while ((nl = pending.indexOf('\n', start)) >= 0) {
        yield stripCr(pending.slice(start, nl));
        start = nl + 1;
      }
      pending = pending.slice(start);
    }
    pending += decoder.decode();
    if (pending.length > 0) yield stripCr(pending);
  } finally {
    if (typeof source === 'string') (stream as ReturnType<typeof createReadStream>).destroy();
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
