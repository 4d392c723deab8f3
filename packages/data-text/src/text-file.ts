import { TextDataError } from './errors';

/** A text file opened for streaming: its chunks, and how to stop reading early. */
export interface OpenedTextFile {
  /** The file's contents in chunks (bytes or strings). */
  readonly chunks: AsyncIterable<string | Uint8Array>;
  /** Closes the file (called when a reader stops before the end). */
  close(): void;
}

/** Opens a text file by path; see {@link registerTextFileOpener}. */
export type TextFileOpener = (path: string) => OpenedTextFile;

let opener: TextFileOpener | null = null;

/**
 * Lets the readers (`readLines`, the GloVe and corpus readers) take a file path.
 * `@rnn-nade/data-text/node` registers the Node file-system opener; the main entry has none, so in a
 * browser pass the text (`[text]`) or a stream of chunks instead of a path.
 */
export function registerTextFileOpener(open: TextFileOpener): void {
  opener = open;
}

/**
 * Opens `path` with the registered opener.
 * @throws TextDataError when none is registered (a browser, or Node without `@rnn-nade/data-text/node`).
 */
export function openTextFile(path: string): OpenedTextFile {
  if (!opener) {
    throw new TextDataError(
      `Cannot read the file "${path}": file paths need import '@rnn-nade/data-text/node' (Node); elsewhere pass the text ([text]) or a stream of chunks.`,
    );
  }
  return opener(path);
}
