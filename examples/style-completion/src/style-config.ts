/** One training stage (pre-training or fine-tuning). */
export interface StageConfig {
  /** Maximum epochs. */
  readonly epochs: number;
  /** Initial Adam learning rate. */
  readonly lr: number;
  /** Learning rate multiplied by this after every epoch. */
  readonly lrDecay: number;
  /** Training sequences are cropped to this many steps each epoch, starting on a random bar line. */
  readonly window: number;
  /** Early-stopping patience in validation checks (0 = off). */
  readonly patience: number;
  /** Wall-clock budget of the stage in minutes (stops after the epoch that crosses it; 0 = none). */
  readonly maxMinutes: number;
}

/** Hyper-parameters of the completion model. */
export interface StyleConfig {
  /** LSTM units. */
  readonly hidden: number;
  /** LSTM layers. */
  readonly layers: number;
  /** Attention window over the last top-layer LSTM states (steps; 16 = two 4/4 bars at eighth notes; 0 = none). */
  readonly attentionWindow: number;
  /** Validation sequences are cut to their first this many steps (keeps the per-epoch check cheap). */
  readonly validSteps: number;
  /** NADE hidden units. */
  readonly nadeHidden: number;
  /** Dropout (training only). */
  readonly dropout: number;
  /** Sequences per batch. */
  readonly batchSize: number;
  /** Seed of initialisation, shuffling and cropping. */
  readonly seed: number;
  /** Stage 1: every non-Mozart training piece of the three piano sources. */
  readonly pretrain: StageConfig;
  /** Stage 2: their classical-era part (Haydn, Clementi, Beethoven). */
  readonly finetune: StageConfig;
}

/**
 * The configuration of the committed `models/style-completion`: a small model and a wall-clock
 * budget per stage so that both stages fit in about half an hour on a shared core.
 */
export const STYLE_DEFAULTS: StyleConfig = {
  hidden: 128,
  layers: 1,
  attentionWindow: 16,
  validSteps: 384,
  nadeHidden: 64,
  dropout: 0.1,
  batchSize: 16,
  seed: 1,
  pretrain: { epochs: 60, lr: 3e-3, lrDecay: 0.96, window: 128, patience: 4, maxMinutes: 20 },
  finetune: { epochs: 25, lr: 1e-3, lrDecay: 0.93, window: 128, patience: 3, maxMinutes: 8 },
};
