import { ConfigError, type JsonValue } from '@rnn-nade/core/node';
import { DRUM_CLASS_GM_NOTES, GM_DRUM_CHANNEL } from '@rnn-nade/data-midi/node';
import type { PitchMapping } from './roll-file';

/** A {@link PitchMapping} with every column's note resolved. */
export type RollMapping = PitchMapping & { readonly pitches: readonly number[]; readonly drums: boolean };

/**
 * The column → MIDI note mapping recorded with a model (`metadata.data`): the explicit `pitches`
 * list when present (drum models store their GM drum notes there, with `channel: 10`), the nine
 * GM drum notes for a model marked `drums: true` without one, else `low + column` (piano rolls;
 * `low` defaults to 21).
 * @throws ConfigError when the recorded pitches do not fit the model or MIDI's 0..127.
 *
 * @example
 * ```ts
 * modelRollMapping('models/groove-drums', metadata, 9); // { low: 36, dim: 9, pitches: [36, 38, 42, ...], drums: true }
 * ```
 */
export function modelRollMapping(modelDir: string, metadata: Record<string, JsonValue>, dim: number): RollMapping {
  const data = (metadata.data ?? {}) as { low?: unknown; pitches?: unknown; drums?: unknown; channel?: unknown };
  const drums = data.drums === true || data.channel === GM_DRUM_CHANNEL;
  let pitches: number[];
  if (Array.isArray(data.pitches)) pitches = data.pitches as number[];
  else if (drums) pitches = [...DRUM_CLASS_GM_NOTES];
  else {
    const low = typeof data.low === 'number' ? data.low : 21;
    pitches = Array.from({ length: dim }, (_, i) => low + i);
  }
  if (pitches.length !== dim) {
    throw new ConfigError(
      `${modelDir}: metadata.data gives ${pitches.length} MIDI notes for the model's ${dim} roll columns${drums ? ' (a drum model)' : ''}.`,
    );
  }
  const bad = pitches.findIndex((p) => !Number.isInteger(p) || p < 0 || p > 127);
  if (bad >= 0) {
    throw new ConfigError(
      `${modelDir}: roll column ${bad} maps to MIDI note ${String(pitches[bad])}, outside MIDI's 0..127 (metadata.data.${Array.isArray(data.pitches) ? 'pitches' : 'low'}); cannot write notes.`,
    );
  }
  return { low: Math.min(...pitches), dim, pitches, drums };
}
