/** One training stage (pre-training or fine-tuning). */
export interface StageConfig {
  /** Maximum epochs. */
  readonly epochs: number;
  /** Initial Adam learning rate. */
  readonly lr: number;
  /** Learning rate multiplied by this after every epoch. */
  readonly lrDecay: number;
  /** Training sequences are randomly cropped to this many steps each epoch. */
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
  /** NADE hidden units. */
  readonly nadeHidden: number;
  /** Dropout (training only). */
  readonly dropout: number;
  /** Sequences per batch. */
  readonly batchSize: number;
  /** Seed of initialisation, shuffling and cropping. */
  readonly seed: number;
  /** Stage 1: the classical piano corpus without Mozart. */
  readonly pretrain: StageConfig;
  /** Stage 2: Bach (JSB Chorales + WTC pieces). */
  readonly finetune: StageConfig;
}

/**
 * The configuration of the committed `models/style-completion`: a small model and few epochs so
 * that both stages fit in about 20 minutes of one core.
 */
export const STYLE_DEFAULTS: StyleConfig = {
  hidden: 128,
  layers: 1,
  nadeHidden: 64,
  dropout: 0.1,
  batchSize: 16,
  seed: 1,
  pretrain: { epochs: 60, lr: 3e-3, lrDecay: 0.96, window: 128, patience: 5, maxMinutes: 12 },
  finetune: { epochs: 25, lr: 1e-3, lrDecay: 0.93, window: 128, patience: 4, maxMinutes: 6 },
};
