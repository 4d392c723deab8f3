import { MidiParseError } from '../errors';
import type { PianoRoll } from './piano-roll';
import { parseSmf, type ParseSmfOptions } from './smf-parse';
import type { ParsedMidi } from './smf-types';
import { midiToRoll, type MidiToRollOptions } from './to-roll';

/** Options of {@link readMidi} / `readMidiFile` (`label` names in-memory input in errors). */
export type ReadMidiOptions = MidiToRollOptions;

/** Files larger than this are refused by `readMidiBytesFromFile` (default 64 MiB). */
export const MAX_MIDI_FILE_BYTES = 64 * 1024 * 1024;

function asBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
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
