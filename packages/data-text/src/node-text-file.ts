import { createReadStream } from 'node:fs';
import type { TextFileOpener } from './text-file';

/** Opens a file with `fs.createReadStream` (registered by `@rnn-nade/data-text/node`). */
export const openNodeTextFile: TextFileOpener = (path) => {
  const stream = createReadStream(path);
  return { chunks: stream, close: () => stream.destroy() };
};
