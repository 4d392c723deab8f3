import { ConfigError } from '@rnn-nade/core';
import type { Midi as ToneMidi } from '@tonejs/midi';
import type { RollTempo, RollTimeSignature } from './piano-roll';
import { rollToGridNotes } from './roll-notes';
import { ToneMidiClass as Midi } from './tone-interop';

/** The part of a {@link PianoRoll} needed to write MIDI (the JSON roll format plus extras). */
export interface RollLike {
  /** MIDI pitches per step. */
  readonly steps: readonly (readonly number[])[];
  /** Grid resolution (default 4). */
  readonly stepsPerQuarter?: number;
  /** A drum roll (written on channel 10). */
  readonly drums?: boolean;
  /** Tempo map in steps. */
  readonly tempos?: readonly RollTempo[];
  /** Time signatures in steps. */
  readonly timeSignatures?: readonly RollTimeSignature[];
}

/** Options of {@link rollToMidi}. */
export interface RollToMidiOptions {
  /** Grid resolution (default: the roll's, else 4). */
  readonly stepsPerQuarter?: number;
  /** Constant tempo in quarter notes per minute (default: the roll's tempo map, else 120). */
  readonly bpm?: number;
  /** GM program 0..127 of a pitched roll (default 0, acoustic grand piano). */
  readonly program?: number;
  /** Note-on velocity 1..127 (default 80). */
  readonly velocity?: number;
  /**
   * Re-strike held notes: every active step becomes its own note, instead of merging
   * consecutive steps of a pitch into one held note (default false; drum rolls always re-strike).
   */
  readonly restrike?: boolean;
  /** Write on channel 10 (GM drums) with one hit per active step (default: the roll's `drums`). */
  readonly drums?: boolean;
  /** Track name (default `'rnn-nade'`). */
  readonly name?: string;
}

function intIn(v: number, lo: number, hi: number, what: string): number {
  if (!(Number.isInteger(v) && v >= lo && v <= hi)) throw new ConfigError(`${what} must be an integer in ${lo}..${hi}, got ${v}.`);
  return v;
}

/**
 * Writes a piano roll as a Standard MIDI File (format 1: a tempo track plus one note track)
 * and returns its bytes. Consecutive active steps of a pitch become one held note (or one note
 * per step with `restrike`); drum rolls go to channel 10. Reading the result back with the same
 * `stepsPerQuarter` gives the same steps (trailing silent steps excepted).
 *
 * @example
 * ```ts
 * const bytes = rollToMidi({ stepsPerQuarter: 4, steps: [[60, 64, 67], [60, 64, 67], [], [62]] }, { bpm: 100 });
 * fs.writeFileSync('out.mid', bytes);
 * ```
 */
export function rollToMidi(roll: RollLike, options: RollToMidiOptions = {}): Uint8Array {
  return rollToToneMidi(roll, options).toArray();
}

/**
 * Like {@link rollToMidi} but returns the `@tonejs/midi` `Midi` object (e.g. to play it with
 * Tone.js in a browser, or to add tracks before encoding with `toArray()`).
 */
export function rollToToneMidi(roll: RollLike, options: RollToMidiOptions = {}): ToneMidi {
  const spq = intIn(options.stepsPerQuarter ?? roll.stepsPerQuarter ?? 4, 1, 960, 'stepsPerQuarter');
  const drums = options.drums ?? roll.drums ?? false;
  const restrike = drums || options.restrike === true;
  const program = intIn(options.program ?? 0, 0, 127, 'program');
  const velocity = intIn(options.velocity ?? 80, 1, 127, 'velocity');
  const stepTicks = Math.max(1, Math.round(480 / spq));
  const ppq = spq * stepTicks;

  const midi = new Midi();
  midi.header.fromJSON({ ...midi.header.toJSON(), name: '', ppq });
  let tempos: readonly RollTempo[] = roll.tempos?.length ? roll.tempos : [{ step: 0, bpm: 120 }];
  if (options.bpm !== undefined) {
    if (!(options.bpm > 0 && options.bpm < 10_000)) throw new ConfigError(`bpm must be in (0, 10000), got ${options.bpm}.`);
    tempos = [{ step: 0, bpm: options.bpm }];
  }
  midi.header.tempos = tempos.map((t) => ({ ticks: Math.round(t.step * stepTicks), bpm: t.bpm }));
  if (midi.header.tempos[0]!.ticks > 0) midi.header.tempos.unshift({ ticks: 0, bpm: 120 });
  midi.header.timeSignatures = (roll.timeSignatures ?? []).map((ts) => ({
    ticks: Math.round(ts.step * stepTicks),
    timeSignature: [ts.numerator, ts.denominator],
  }));
  midi.header.update();

  const track = midi.addTrack();
  track.name = options.name ?? 'rnn-nade';
  track.channel = drums ? 9 : 0;
  track.instrument.number = drums ? 0 : program;
  const vel = (velocity + 0.5) / 127;
  for (const n of rollToGridNotes(roll.steps, { restrike })) {
    track.addNote({ midi: n.pitch, ticks: n.startStep * stepTicks, durationTicks: (n.endStep - n.startStep) * stepTicks, velocity: vel });
  }
  return midi;
}
