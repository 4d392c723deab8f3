import { ConfigError } from '../util/errors';

/** Options of {@link EarlyStopping}. */
export interface EarlyStoppingOptions {
  /**
   * Stop after this many consecutive validation checks without an improvement of more than
   * `minDelta`. (The ICML 2012 paper stops when validation loss has risen for 50 iterations:
   * validate every batch and use `patience: 50`.)
   */
  readonly patience: number;
  /** Smallest decrease of the validation loss that counts as an improvement. Default 0. */
  readonly minDelta?: number;
}

/** The plain-data state of an {@link EarlyStopping} tracker (checkpointed). */
export interface EarlyStoppingState {
  /** Best validation loss seen (Infinity before the first check). `null` in JSON = Infinity. */
  readonly best: number | null;
  /** Index (0-based) of the check that gave `best`, -1 before the first. */
  readonly bestCheck: number;
  /** Number of checks so far. */
  readonly checks: number;
  /** Consecutive checks since the last improvement. */
  readonly sinceBest: number;
}

/** What one validation check means for training. */
export interface EarlyStoppingDecision {
  /** The loss is the best so far: keep these weights. */
  readonly improved: boolean;
  /** Patience ran out: stop training. */
  readonly stop: boolean;
}

/**
 * Tracks the validation loss and says when to stop (lower is better).
 *
 * @example
 * ```ts
 * const es = new EarlyStopping({ patience: 5 });
 * const { improved, stop } = es.update(validLoss);
 * ```
 */
export class EarlyStopping {
  /** Checks without improvement before stopping. */
  readonly patience: number;
  /** Smallest decrease that counts as an improvement. */
  readonly minDelta: number;
  private best = Infinity;
  private bestCheck = -1;
  private checks = 0;
  private sinceBest = 0;

  constructor(options: EarlyStoppingOptions) {
    if (!Number.isInteger(options.patience) || options.patience < 1) {
      throw new ConfigError(`Early-stopping patience must be an integer >= 1, got ${options.patience}.`);
    }
    const minDelta = options.minDelta ?? 0;
    if (!(minDelta >= 0)) throw new ConfigError(`Early-stopping minDelta must be >= 0, got ${minDelta}.`);
    this.patience = options.patience;
    this.minDelta = minDelta;
  }

  /** Records one validation loss. A non-finite loss never counts as an improvement. */
  update(loss: number): EarlyStoppingDecision {
    const improved = Number.isFinite(loss) && loss < this.best - this.minDelta;
    if (improved) {
      this.best = loss;
      this.bestCheck = this.checks;
      this.sinceBest = 0;
    } else {
      this.sinceBest++;
    }
    this.checks++;
    return { improved, stop: this.sinceBest >= this.patience };
  }

  /** Best loss seen so far (Infinity before any check). */
  get bestLoss(): number {
    return this.best;
  }

  /** Whether patience has run out. */
  get shouldStop(): boolean {
    return this.sinceBest >= this.patience;
  }

  /** The tracker's state as plain data (for a checkpoint). */
  getState(): EarlyStoppingState {
    return {
      best: Number.isFinite(this.best) ? this.best : null,
      bestCheck: this.bestCheck,
      checks: this.checks,
      sinceBest: this.sinceBest,
    };
  }

  /** Restores a state from {@link getState}. */
  setState(state: EarlyStoppingState): void {
    this.best = state.best ?? Infinity;
    this.bestCheck = state.bestCheck;
    this.checks = state.checks;
    this.sinceBest = state.sinceBest;
  }
}
