import { ConfigError } from '@rnn-nade/core';
import type { GrooveDecoding } from './groove-decode';

/** Hyper-parameters of the drum run (all have defaults; see {@link DRUM_DEFAULTS}). */
export interface DrumRunConfig {
  /** LSTM units per layer. */
  readonly hidden: number;
  /** LSTM layers. */
  readonly layers: number;
  /** NADE hidden units. */
  readonly nadeHidden: number;
  /** Dropout between layers / on the encoder output (training only). */
  readonly dropout: number;
  /** Training windows: every performance is cut into windows of this many bars, each starting on a bar line (offset re-drawn every epoch). */
  readonly windowBars: number;
  /** At most this many of a performance's windows are trained on per epoch (random ones). */
  readonly maxWindows: number;
  /** Attention over this many most recent steps (0 = none; 16 = one bar of 16ths). */
  readonly attentionWindow: number;
  /** Condition on the metric position and the beat / fill label (`DRUM_CONDITIONING`). */
  readonly conditioned: boolean;
  /** Sequences per batch. */
  readonly batchSize: number;
  /** Maximum number of epochs. */
  readonly epochs: number;
  /** Initial Adam learning rate. */
  readonly lr: number;
  /** Learning rate multiplied by this after every epoch. */
  readonly lrDecay: number;
  /** Early-stopping patience (validation checks without improvement). */
  readonly patience: number;
  /** Seed of initialisation, shuffling and cropping. */
  readonly seed: number;
  /** Wall-clock budget in minutes (training stops after the epoch that crosses it; 0 = none). */
  readonly maxMinutes: number;
}

/** The configuration the committed `models/groove-drums` was trained with (see its model card). */
export const DRUM_DEFAULTS: DrumRunConfig = {
  hidden: 64,
  layers: 1,
  nadeHidden: 32,
  dropout: 0,
  windowBars: 8,
  maxWindows: 2,
  attentionWindow: 32,
  conditioned: true,
  batchSize: 16,
  epochs: 100,
  lr: 5e-3,
  lrDecay: 0.98,
  patience: 6,
  seed: 1,
  maxMinutes: 30,
};

/** Fills `partial` with {@link DRUM_DEFAULTS}, checking every value. */
export function resolveDrumConfig(partial: Partial<DrumRunConfig> = {}): DrumRunConfig {
  const c = { ...DRUM_DEFAULTS, ...partial };
  const ints: ('hidden' | 'layers' | 'nadeHidden' | 'windowBars' | 'maxWindows' | 'batchSize' | 'epochs' | 'patience' | 'seed' | 'maxMinutes')[] = [
    'hidden',
    'layers',
    'nadeHidden',
    'windowBars',
    'maxWindows',
    'batchSize',
    'epochs',
    'patience',
    'seed',
    'maxMinutes',
  ];
  for (const k of ints) {
    const v = c[k];
    if (!Number.isInteger(v) || v < (k === 'patience' || k === 'seed' || k === 'maxMinutes' ? 0 : 1)) {
      throw new ConfigError(`${k} must be a positive integer, got ${v}.`);
    }
  }
  if (!Number.isInteger(c.attentionWindow) || c.attentionWindow < 0)
    throw new ConfigError(`attentionWindow must be an integer >= 0, got ${c.attentionWindow}.`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new ConfigError(`dropout must be in [0, 1), got ${c.dropout}.`);
  if (!(c.lr > 0)) throw new ConfigError(`lr must be > 0, got ${c.lr}.`);
  if (!(c.lrDecay > 0 && c.lrDecay <= 1)) throw new ConfigError(`lrDecay must be in (0, 1], got ${c.lrDecay}.`);
  return c;
}

/**
 * The decodings the results page, the model card and the figures report for `models/groove-drums`,
 * chosen on the VALID split with `npm run drums -w examples/drums -- --skip-train --tune` (plain
 * temperature-1 sampling is reported beside them): unprimed grooves are drawn at temperature 1,
 * best of 4 by model likelihood; continuations of a primer at temperature 0.4, best of 4 (on valid:
 * 0.569 frame accuracy vs 0.566 for best of 8 and 0.572 for repeat-last-bar).
 */
export const DRUM_DECODING: GrooveDecoding = { temperature: 1, bestOf: 4 };

/** The decoding of primed continuations (see {@link DRUM_DECODING}). */
export const DRUM_CONTINUE_DECODING: GrooveDecoding = { temperature: 0.4, bestOf: 4 };
