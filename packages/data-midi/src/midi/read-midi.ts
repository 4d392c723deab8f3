import { open } from 'node:fs/promises';
import { MidiParseError } from '../errors';
import type { PianoRoll } from './piano-roll';
import { parseSmf, type ParseSmfOptions } from './smf-parse';
import type { ParsedMidi } from './smf-types';
import { midiToRoll, type MidiToRollOptions } from './to-roll';

/** Options of {@link readMidi} / {@link readMidiFile} (`label` names in-memory input in errors). */
export type ReadMidiOptions = MidiToRollOptions;

/** Files larger than this are refused by {@link readMidiBytesFromFile} (default 64 MiB). */
export const MAX_MIDI_FILE_BYTES = 64 * 1024 * 1024;

function asBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/**
 * Reads a MIDI file's bytes, refusing anything over `maxBytes` (so a multi-gigabyte file
 * named `.mid` is rejected before it is read). Errors are {@link MidiParseError}s naming the file.
 */
export async function readMidiBytesFromFile(file: string, maxBytes = MAX_MIDI_FILE_BYTES): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new MidiParseError(file, code === 'ENOENT' ? 'no such file' : `cannot open (${code ?? String(cause)})`, { cause });
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new MidiParseError(file, `file is ${size} bytes, more than the ${maxBytes}-byte limit for MIDI files`);
    const buf = new Uint8Array(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buf, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return buf.subarray(0, read);
  } finally {
    await handle.close();
  }
}

/**
 * Parses MIDI bytes into notes and tempo / meter maps (no quantisation).
 * Throws {@link MidiParseError} on anything that is not a well-formed Standard MIDI File.
 */
export function parseMidi(input: Uint8Array | ArrayBuffer, label = '<bytes>', options: ParseSmfOptions = {}): ParsedMidi {
  return parseSmf(asBytes(input), label, options);
}

/**
 * Reads MIDI bytes into a quantised piano roll ({@link midiToRoll} on {@link parseMidi}).
 * Time and memory are bounded by the file size and the `MidiLimits` in `options`
 * (`maxSteps`, `maxNoteSteps`, `maxCells`, `maxEvents`); a file over one throws
 * {@link MidiParseError} naming the limit, which can be raised per call.
 *
 * @example
 * ```ts
 * const roll = readMidi(bytes, { stepsPerQuarter: 4 });          // 88-key roll, drums left out
 * const groove = readMidi(bytes, { drums: true });               // 9-class drum roll
 * roll.report?.outOfRange.length;                                // notes outside 21..108
 * ```
 */
export function readMidi(input: Uint8Array | ArrayBuffer, options: ReadMidiOptions = {}): PianoRoll {
  return midiToRoll(parseMidi(input, options.label ?? '<bytes>', options), options);
}

/**
 * Reads a `.mid` file into a quantised piano roll; errors name the file.
 *
 * @example
 * ```ts
 * const roll = await readMidiFile('mz_545_1.mid', { stepsPerQuarter: 4 });
 * roll.steps.length; roll.tempos[0].bpm; roll.timeSignatures;
 * ```
 */
export async function readMidiFile(file: string, options: MidiToRollOptions = {}): Promise<PianoRoll> {
  const bytes = await readMidiBytesFromFile(file);
  return midiToRoll(parseSmf(bytes, file, options), { ...options, label: file });
}
