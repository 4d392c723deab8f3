import { RnnNadeError } from '@rnn-nade/core';

/**
 * A MIDI file could not be parsed (truncated, corrupt, not a Standard MIDI File at all).
 * The message names the file; `file` holds it (or `'<bytes>'` for in-memory input).
 *
 * @example
 * ```ts
 * try { await readMidiFile('x.mid'); } catch (e) { if (e instanceof MidiParseError) console.error(e.message); }
 * ```
 */
export class MidiParseError extends RnnNadeError<'MIDI_PARSE'> {
  /** The file (or label) that failed to parse. */
  readonly file: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super('MIDI_PARSE', `Cannot read MIDI file ${file}: ${reason}`, options);
    this.file = file;
  }
}

/** A corpus (or data file) could not be found locally nor downloaded. */
export class CorpusUnavailableError extends RnnNadeError<'CORPUS_UNAVAILABLE'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CORPUS_UNAVAILABLE', message, options);
  }
}

/** A corpus file exists but its content is not in the expected form. */
export class CorpusFormatError extends RnnNadeError<'CORPUS_FORMAT'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CORPUS_FORMAT', message, options);
  }
}

/** A downloaded file's sha256 did not match the manifest; the file was not kept. */
export class ChecksumError extends RnnNadeError<'CHECKSUM'> {
  /** The checksum the manifest expects. */
  readonly expected: string;
  /** The checksum of the bytes received. */
  readonly actual: string;
  constructor(what: string, expected: string, actual: string) {
    super('CHECKSUM', `Checksum mismatch for ${what}: expected sha256 ${expected}, got ${actual}. The download was discarded.`);
    this.expected = expected;
    this.actual = actual;
  }
}
