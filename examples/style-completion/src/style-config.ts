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
  /** Wall-clock safety budget of the stage in minutes (stops after the epoch that crosses it; 0 = none). */
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
  /**
   * Lookback inputs (magenta's lookback_rnn): the frames this many steps back are fed beside the
   * previous frame, with one "the last step repeats the one a lag earlier" bit per lag. Lags in
   * eighth-note steps: 6/12/24 are 1/2/4 bars of 3/4, 8/16/32 are 1/2/4 bars of 4/4, so a model
   * of mixed meters can copy what a piece played one, two or four bars ago (empty = none).
   */
  readonly lookbackLags: readonly number[];
  /**
   * Metric position with hypermeter: the model reads where each step is in its beat, bar and
   * phrase of this many bars (counted from the piece's first bar line, in its own time
   * signatures), so it can learn that a phrase restarts every few bars (bar 5 restating bar 1,
   * which the lag-32 lookback frames then supply). 0 = no metric input.
   */
  readonly barsPerPhrase: number;
  /** A linear skip from the input (previous frame + lookback frames) straight to the NADE biases, so copying a frame does not have to pass through the LSTM state. */
  readonly inputSkip: boolean;
  /**
   * Gate each input channel of the skip by the LSTM state, so a lookback frame is copied only
   * while the piece repeats at its lag. Tried in session 5 with everything else as below: better
   * likelihood (pre-training valid 8.537 vs 8.555, fine-tuning 8.000 vs 8.012) but lower
   * validation completion accuracy (best 0.146 over step-wise consensus of 16 with 0/30/60
   * adaptation steps at lr 0.01/0.03, vs 0.157 without the gate), so the committed model has none.
   */
  readonly inputSkipGate: boolean;
  /** Training workers (data-parallel gradients; equal to one worker's within float error). */
  readonly workers: number;
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
 * The configuration of the committed `models/style-completion`: a small model with lookback
 * inputs; each stage runs to early stopping on its validation split, with a wall-clock safety
 * budget (the model card records which of the two ended it).
 */
export const STYLE_DEFAULTS: StyleConfig = {
  hidden: 128,
  layers: 1,
  attentionWindow: 16,
  lookbackLags: [6, 8, 12, 16, 24, 32],
  barsPerPhrase: 4,
  inputSkip: true,
  inputSkipGate: false,
  workers: 2,
  validSteps: 384,
  nadeHidden: 64,
  dropout: 0.1,
  batchSize: 16,
  seed: 1,
  pretrain: { epochs: 150, lr: 3e-3, lrDecay: 0.96, window: 128, patience: 4, maxMinutes: 90 },
  finetune: { epochs: 40, lr: 1e-3, lrDecay: 0.93, window: 128, patience: 4, maxMinutes: 20 },
};
