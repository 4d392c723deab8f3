import { resolveLimits } from '../resolve-limits';

/**
 * Limits that bound the time and memory of reading one MIDI file into a roll, whatever its
 * bytes claim. A file over a limit is refused with a `MidiParseError` that names the limit;
 * every limit can be raised per call (`readMidi(bytes, { maxSteps: 1e6 })`).
 *
 * The defaults are far above every real file of the corpora here (longest roll 12,393 steps,
 * longest note 148 steps, 39,044 sounding cells, 19,082 notes, at 4 steps per quarter).
 */
export interface MidiLimits {
  /**
   * Refuse rolls longer than this many steps (default 100,000: about 3.5 hours at 4 steps per
   * quarter and 120 bpm), so a corrupt delta time cannot allocate gigabytes.
   */
  readonly maxSteps?: number;
  /** Refuse a note that lasts longer than this many steps (default 10,000 = 2,500 quarter notes at 4 steps per quarter). */
  readonly maxNoteSteps?: number;
  /**
   * Refuse rolls whose notes fill more than this many (step, pitch) cells in total
   * (default 5,000,000): the work and memory of the roll are proportional to this number.
   */
  readonly maxCells?: number;
  /** Refuse files with more than this many stored events (note-ons, tempo and meter changes; default 1,000,000). */
  readonly maxEvents?: number;
}

/** The default {@link MidiLimits}. */
export const DEFAULT_MIDI_LIMITS: Required<MidiLimits> = Object.freeze({
  maxSteps: 100_000,
  maxNoteSteps: 10_000,
  maxCells: 5_000_000,
  maxEvents: 1_000_000,
});

/**
 * The limits in effect: the defaults overridden by `options`, each checked to be a positive
 * integer (or `Infinity`, which turns a limit off). Throws `ConfigError` otherwise.
 */
export function resolveMidiLimits(options: MidiLimits = {}): Required<MidiLimits> {
  return resolveLimits<Required<MidiLimits>>(DEFAULT_MIDI_LIMITS, options);
}
