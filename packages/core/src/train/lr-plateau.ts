import { ConfigError } from '../util/errors';
import { learningRateAt, validateSchedule, type PlateauSchedule } from './lr-schedule';

/** The plain-data state of a {@link PlateauTracker} (checkpointed with the run). */
export interface PlateauState {
  /** Best validation loss seen (`null` before the first finite one). */
  readonly best: number | null;
  /** Bad checks in a row since the last improvement or reduction. */
  readonly badChecks: number;
  /** Checks left in the cooldown after the last reduction. */
  readonly cooldownLeft: number;
  /** Reductions made so far: the learning rate is `max(lr₀ · factor^reductions, floor)`. */
  readonly reductions: number;
}

/** What one validation check did to the learning rate. */
export interface PlateauDecision {
  /** The check lowered the best loss by more than `minDelta`. */
  readonly improved: boolean;
  /** The learning rate was reduced after this check. */
  readonly reduced: boolean;
  /** The learning rate from now on. */
  readonly learningRate: number;
}

/**
 * Keeps the state of a `plateau` learning-rate schedule: the best validation loss, the bad
 * checks in a row, the cooldown and the number of reductions (see {@link PlateauSchedule} for
 * the rule). The trainer calls {@link update} after every validation check and checkpoints
 * {@link getState}, so a resumed run continues with the same learning rates.
 *
 * @example
 * ```ts
 * const plateau = new PlateauTracker({ kind: 'plateau', factor: 0.5, patience: 2 }, 1e-3);
 * for (const loss of [3, 2.9, 2.95, 2.96]) plateau.update(loss);
 * plateau.learningRate; // 5e-4: two checks without a new best after 2.9
 * ```
 */
export class PlateauTracker {
  private best = Infinity;
  private badChecks = 0;
  private cooldownLeft = 0;
  private reductionCount = 0;

  /**
   * @param schedule the plateau schedule (validated here)
   * @param initial the initial learning rate lr₀
   */
  constructor(
    readonly schedule: PlateauSchedule,
    readonly initial: number,
  ) {
    validateSchedule(schedule, { initial });
    if (!(Number.isFinite(initial) && initial > 0)) throw new ConfigError(`The initial learning rate must be > 0, got ${initial}.`);
  }

  /** Reductions made so far. */
  get reductions(): number {
    return this.reductionCount;
  }

  /** The current learning rate. */
  get learningRate(): number {
    return learningRateAt(this.initial, this.schedule, { epoch: 0, step: 0, reductions: this.reductionCount });
  }

  /** Records one validation loss (a non-finite loss counts as bad) and reduces the rate when patience ran out. */
  update(loss: number): PlateauDecision {
    const improved = Number.isFinite(loss) && loss < this.best - (this.schedule.minDelta ?? 0);
    if (improved) {
      this.best = loss;
      this.badChecks = 0;
    } else {
      this.badChecks++;
    }
    if (this.cooldownLeft > 0) {
      this.cooldownLeft--;
      this.badChecks = 0;
    }
    let reduced = false;
    if (this.badChecks >= this.schedule.patience) {
      this.badChecks = 0;
      const floor = this.schedule.minLearningRate ?? 0;
      if (this.learningRate > floor) {
        this.reductionCount++;
        this.cooldownLeft = this.schedule.cooldown ?? 0;
        reduced = true;
      }
    }
    return { improved, reduced, learningRate: this.learningRate };
  }

  /** The tracker's state as plain data. */
  getState(): PlateauState {
    return {
      best: Number.isFinite(this.best) ? this.best : null,
      badChecks: this.badChecks,
      cooldownLeft: this.cooldownLeft,
      reductions: this.reductionCount,
    };
  }

  /** Restores a state from {@link getState}. */
  setState(state: PlateauState): void {
    this.best = state.best ?? Infinity;
    this.badChecks = state.badChecks;
    this.cooldownLeft = state.cooldownLeft;
    this.reductionCount = state.reductions;
  }
}
