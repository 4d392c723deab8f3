import { sequenceToPitches, type JsonValue, type SequenceModel } from '@rnn-nade/core';
import { rollToGridNotes, rollToMidi } from '@rnn-nade/data-midi';

/** What the controls ask for. */
export interface GenerateSettings {
  /** Number of steps (quarter notes for the JSB models). */
  readonly steps: number;
  /** Sampling temperature (> 0; 1 = the model's distribution). */
  readonly temperature: number;
  /** Seed: equal settings give the same chorale. */
  readonly seed: number;
}

/** A generated piece: pitches per step, its grid and its notes. */
export interface Chorale {
  /** Sounding MIDI pitches per step. */
  readonly steps: number[][];
  /** Grid resolution of the model's data (1 = quarter notes for JSB). */
  readonly stepsPerQuarter: number;
  /** Number of held notes (consecutive steps of a pitch merged). */
  readonly notes: number;
}

/** Limits of the controls. */
export const LIMITS = {
  steps: { min: 4, max: 512 },
  temperature: { min: 0.05, max: 3 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

/**
 * Validates and clamps raw control values (strings from `<input>`s); non-numbers fall back to
 * the defaults, so bad input never reaches the model.
 */
export function parseSettings(raw: { steps?: string; temperature?: string; seed?: string }): GenerateSettings {
  const num = (s: string | undefined, fallback: number, lo: number, hi: number, integer: boolean) => {
    const v = Number(s);
    if (s === undefined || s.trim() === '' || !Number.isFinite(v)) return fallback;
    const clamped = Math.min(hi, Math.max(lo, v));
    return integer ? Math.round(clamped) : clamped;
  };
  return {
    steps: num(raw.steps, 64, LIMITS.steps.min, LIMITS.steps.max, true),
    temperature: num(raw.temperature, 1, LIMITS.temperature.min, LIMITS.temperature.max, false),
    seed: num(raw.seed, 1, LIMITS.seed.min, LIMITS.seed.max, true),
  };
}

/** The lowest pitch and grid of the model's data, from the metadata `npm run demo` and the CLI save. */
export function dataSpec(metadata: Record<string, JsonValue>): { low: number; stepsPerQuarter: number } {
  const data = metadata.data;
  const obj = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
  const low = typeof obj.low === 'number' ? obj.low : 21;
  const spq = typeof obj.stepsPerQuarter === 'number' ? obj.stepsPerQuarter : 1;
  return { low, stepsPerQuarter: spq };
}

/** Samples a chorale from the model (fast CPU path on wasm) and converts it to pitches. */
export async function generateChorale(model: SequenceModel, settings: GenerateSettings, spec: { low: number; stepsPerQuarter: number }): Promise<Chorale> {
  const seq = await model.sample({ steps: settings.steps, temperature: settings.temperature, seed: settings.seed });
  const steps = sequenceToPitches(seq, { low: spec.low, high: spec.low + seq.dim - 1 });
  return { steps, stepsPerQuarter: spec.stepsPerQuarter, notes: rollToGridNotes(steps).length };
}

/** The chorale as a Standard MIDI File (piano, held notes merged). */
export function choraleMidi(chorale: Chorale, bpm: number): Uint8Array {
  return rollToMidi({ steps: chorale.steps, stepsPerQuarter: chorale.stepsPerQuarter }, { bpm, name: 'rnn-nade chorale' });
}
