import { open } from 'node:fs/promises';
import { MidiParseError } from '../errors';
import type { PianoRoll } from './piano-roll';
import { MAX_MIDI_FILE_BYTES } from './read-midi';
import { parseSmf } from './smf-parse';
import { midiToRoll, type MidiToRollOptions } from './to-roll';

/**
 * Reads a MIDI file's bytes, refusing anything over `maxBytes` (so a multi-gigabyte file
 * named `.mid` is rejected before it is read). Errors are {@link MidiParseError}s naming the file.
 */
export async function readMidiBytesFromFile(file: string, maxBytes = MAX_MIDI_FILE_BYTES): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
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
