/**
 * `@rnn-nade/data-text/node`: everything in `@rnn-nade/data-text`, and file paths as text
 * sources (`readLines('corpus.txt')`, `readGloveVectors('glove.6B.50d.txt')`, ...) through
 * `fs.createReadStream`, registered on import.
 *
 * @example
 * ```ts
 * import { readLines } from '@rnn-nade/data-text/node';
 * for await (const line of readLines('corpus.txt')) console.log(line);
 * ```
 * @packageDocumentation
 */
import { openNodeTextFile } from './node-text-file';
import { registerTextFileOpener } from './text-file';

export * from './index';
export { openNodeTextFile } from './node-text-file';

registerTextFileOpener(openNodeTextFile);
