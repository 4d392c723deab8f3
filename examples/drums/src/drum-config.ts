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
  /** Training sequences are randomly cropped to this many steps every epoch. */
  readonly window: number;
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

/** The configuration the committed `models/groove-drums` was trained with. */
export const DRUM_DEFAULTS: DrumRunConfig = {
  hidden: 64,
  layers: 1,
  nadeHidden: 32,
  dropout: 0,
  window: 128,
  batchSize: 16,
  epochs: 100,
  lr: 3e-3,
  lrDecay: 0.98,
  patience: 8,
  seed: 1,
  maxMinutes: 15,
};

/** Fills `partial` with {@link DRUM_DEFAULTS}, checking every value. */
export function resolveDrumConfig(partial: Partial<DrumRunConfig> = {}): DrumRunConfig {
  const c = { ...DRUM_DEFAULTS, ...partial };
  const ints: (keyof DrumRunConfig)[] = ['hidden', 'layers', 'nadeHidden', 'window', 'batchSize', 'epochs', 'patience', 'seed', 'maxMinutes'];
  for (const k of ints) {
    const v = c[k];
    if (!Number.isInteger(v) || v < (k === 'patience' || k === 'seed' || k === 'maxMinutes' ? 0 : 1)) {
      throw new RangeError(`${k} must be a positive integer, got ${v}.`);
    }
  }
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new RangeError(`dropout must be in [0, 1), got ${c.dropout}.`);
  if (!(c.lr > 0)) throw new RangeError(`lr must be > 0, got ${c.lr}.`);
  if (!(c.lrDecay > 0 && c.lrDecay <= 1)) throw new RangeError(`lrDecay must be in (0, 1], got ${c.lrDecay}.`);
  return c;
}
