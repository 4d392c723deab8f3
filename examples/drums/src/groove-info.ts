import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@rnn-nade/core';
import { parseCsvObjects } from '@rnn-nade/data-midi';

/** Groove MIDI's two kinds of performance (`beat_type` in `info.csv`). */
export const GROOVE_TYPES = ['beat', 'fill'] as const;

/** One of {@link GROOVE_TYPES}. */
export type GrooveType = (typeof GROOVE_TYPES)[number];

/** What `info.csv` says about one performance. */
export interface GrooveInfo {
  /** `beat` (a groove, often a minute long) or `fill` (a short break). */
  readonly type: GrooveType;
  /** Time signature as written in the CSV, e.g. `4-4`, `6-8`. */
  readonly timeSignature: string;
  /** Tempo in beats per minute. */
  readonly bpm: number;
}

/**
 * Reads Groove MIDI's `info.csv` (in `grooveDir`) into a map from the MIDI file's relative path
 * (`midi_filename`, as `loadMidiCorpus` lists it) to its beat / fill label, time signature and
 * tempo.
 *
 * @throws ConfigError when a row has a `beat_type` other than `beat` / `fill`.
 * @example
 * ```ts
 * const info = await readGrooveInfo('/data/groove-midi');
 * info.get('drummer1/eval_session/1_funk-groove1_138_beat_4-4.mid')?.type; // 'beat'
 * ```
 */
export async function readGrooveInfo(grooveDir: string): Promise<Map<string, GrooveInfo>> {
  const file = join(grooveDir, 'info.csv');
  const rows = parseCsvObjects(await readFile(file, 'utf8'));
  const out = new Map<string, GrooveInfo>();
  rows.forEach((r, i) => {
    const type = r.beat_type as GrooveType;
    if (!GROOVE_TYPES.includes(type)) throw new ConfigError(`${file} row ${i + 2}: beat_type "${r.beat_type}" is neither "beat" nor "fill".`);
    out.set(r.midi_filename!, { type, timeSignature: r.time_signature ?? '', bpm: Number(r.bpm) });
  });
  return out;
}
