/** What happened in one epoch of training. */
export interface EpochRecord {
  /** 0-based epoch index. */
  readonly epoch: number;
  /** Mean training loss per frame over the epoch (frame-weighted; NLL in nats for exact estimators). */
  readonly trainLoss: number;
  /** Validation loss per frame at the last check of this epoch, `null` without validation data. */
  readonly validLoss: number | null;
  /** Learning rate used in this epoch (its last update, when it decays per step). */
  readonly learningRate: number;
  /** Updates applied since the start of training, at the end of the epoch. */
  readonly steps: number;
  /** Training frames seen in this epoch. */
  readonly frames: number;
  /** Wall time of the epoch (seconds; training + validation). */
  readonly seconds: number;
  /** Whether a validation check of this epoch gave a new best. */
  readonly improved: boolean;
}

/** One validation check (once per epoch, or every `validateEvery` updates). */
export interface ValidationCheck {
  /** Updates applied when the check ran. */
  readonly step: number;
  /** Progress in epochs (e.g. 2.5 = half-way through the third epoch; 3 = end of it). */
  readonly epoch: number;
  /** Validation loss per frame. */
  readonly validLoss: number;
}

/** The learning curves of a run: what the loss-curve picture and the checkpoint hold. */
export interface TrainHistory {
  /** One record per completed epoch. */
  readonly epochs: EpochRecord[];
  /** Every validation check, in order. */
  readonly checks: ValidationCheck[];
}
