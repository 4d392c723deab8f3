import type { TrainBackendChoice, TrainSettings } from './train-protocol';

const BACKENDS: readonly TrainBackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm'];
/** Grids the page offers: quarters, eighths, sixteenths. */
const GRIDS: readonly number[] = [1, 2, 4];

/** Raw control values of the training form (strings from `<input>` / `<select>`). */
export type RawTrainSettings = { [K in keyof TrainSettings]?: string };

function number(raw: string | undefined, fallback: number, lo: number, hi: number, integer: boolean): number {
  const v = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(v)) return fallback;
  const clamped = Math.min(hi, Math.max(lo, v));
  return integer ? Math.round(clamped) : clamped;
}

/**
 * Validates and clamps the training form: non-numbers fall back to the defaults, numbers are
 * clamped to the ranges the page offers, so bad input never reaches `train()`.
 *
 * @example
 * ```ts
 * parseTrainSettings({ epochs: '-3', hidden: 'abc' }); // epochs 1, hidden 64 (the default)
 * ```
 */
export function parseTrainSettings(raw: RawTrainSettings): TrainSettings {
  const spq = Number(raw.stepsPerQuarter);
  return {
    epochs: number(raw.epochs, 30, 1, 500, true),
    hidden: number(raw.hidden, 64, 8, 512, true),
    nadeHidden: number(raw.nadeHidden, 64, 8, 512, true),
    learningRate: number(raw.learningRate, 5e-3, 1e-5, 0.1, false),
    stepsPerQuarter: GRIDS.includes(spq) ? spq : 2,
    seed: number(raw.seed, 1, 0, 2 ** 31 - 1, true),
    backend: BACKENDS.includes(raw.backend as TrainBackendChoice) ? (raw.backend as TrainBackendChoice) : 'auto',
  };
}
