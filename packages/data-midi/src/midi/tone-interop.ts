import * as toneMidiModule from '@tonejs/midi';
import { MidiParseError } from '../errors';
import { parseSmf } from './smf-parse';

// @tonejs/midi is CommonJS: depending on the loader its exports arrive as named exports or
// under `default`.
const ToneMidi: typeof toneMidiModule.Midi = toneMidiModule.Midi ?? (toneMidiModule as unknown as { default: typeof toneMidiModule }).default.Midi;

/** The `Midi` class of `@tonejs/midi`, resolved for both CommonJS and ESM loaders. */
export const ToneMidiClass: typeof toneMidiModule.Midi = ToneMidi;

/**
 * Parses bytes into an `@tonejs/midi` `Midi` object (for Tone.js playback or its editing API),
 * safely: the chunk structure and every event are validated first by our own parser, so
 * corrupt input throws a {@link MidiParseError} naming `label` instead of reaching
 * `@tonejs/midi`, which can loop or throw odd errors on such input.
 *
 * @example
 * ```ts
 * const midi = toToneMidi(bytes, 'song.mid');
 * midi.tracks[0].notes[0].time; // seconds
 * ```
 */
export function toToneMidi(bytes: Uint8Array, label = '<bytes>'): toneMidiModule.Midi {
  parseSmf(bytes, label);
  try {
    return new ToneMidi(bytes);
  } catch (cause) {
    throw new MidiParseError(label, `@tonejs/midi failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
