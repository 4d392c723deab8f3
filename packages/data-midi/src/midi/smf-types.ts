/** One note of a MIDI file, in ticks (end exclusive). */
export interface MidiNote {
  /** MIDI pitch 0..127. */
  readonly pitch: number;
  /** Note-on velocity 1..127. */
  readonly velocity: number;
  /** Tick of the note-on. */
  readonly startTick: number;
  /** Tick of the note-off (for an unterminated note: the end of its track). */
  readonly endTick: number;
  /** MIDI channel, 0-based (9 = General MIDI drums, "channel 10"). */
  readonly channel: number;
  /** Index of the `MTrk` chunk the note is in. */
  readonly track: number;
  /** Program (GM instrument, 0-based) in effect on the channel at the note-on. */
  readonly program: number;
}

/** A tempo change. */
export interface MidiTempo {
  /** Tick of the change. */
  readonly tick: number;
  /** Quarter notes per minute. */
  readonly bpm: number;
}

/** A time-signature change. */
export interface MidiTimeSignature {
  /** Tick of the change. */
  readonly tick: number;
  /** Beats per bar. */
  readonly numerator: number;
  /** Beat unit (4 = quarter note). */
  readonly denominator: number;
}

/** A note-on that had no matching note-off before the end of its track. */
export interface UnterminatedNote {
  /** MIDI pitch. */
  readonly pitch: number;
  /** MIDI channel (0-based). */
  readonly channel: number;
  /** Track chunk index. */
  readonly track: number;
  /** Tick of the note-on. */
  readonly startTick: number;
  /** Where the reader closed it (the end of the track), or null when it was dropped (zero length). */
  readonly closedAtTick: number | null;
}

/** The content of a Standard MIDI File, as notes and tempo / meter maps. */
export interface ParsedMidi {
  /** SMF format 0, 1 or 2. */
  readonly format: number;
  /** Ticks per quarter note (for SMPTE files, ticks per second / 2, i.e. as if at 120 bpm). */
  readonly ppq: number;
  /** True when the file uses SMPTE time division (tempo events then do not change timing). */
  readonly smpte: boolean;
  /** Name of each track (`''` when none), one per `MTrk`. */
  readonly trackNames: readonly string[];
  /** All notes sorted by start tick, then pitch. */
  readonly notes: readonly MidiNote[];
  /** Tempo map sorted by tick; starts with 120 bpm at tick 0 unless the file sets one there. */
  readonly tempos: readonly MidiTempo[];
  /** Time signatures sorted by tick (empty when the file has none; 4/4 is then implied). */
  readonly timeSignatures: readonly MidiTimeSignature[];
  /** Note-ons without a note-off (closed at the end of their track, and reported here). */
  readonly unterminated: readonly UnterminatedNote[];
  /** The last tick of the longest track. */
  readonly endTick: number;
}
