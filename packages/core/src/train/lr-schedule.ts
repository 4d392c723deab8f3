import { ConfigError } from '../util/errors';

/**
 * How the learning rate changes during training.
 * - `constant`: `lr₀` throughout;
 * - `exponential`: `lr₀ · rate^(epoch)` (or `^(step / everySteps)` when `everySteps` is set);
 * - `step`: `lr₀ · gamma^⌊epoch / stepEpochs⌋`;
 * - `plateau`: `lr₀ · factor^reductions`, one more reduction each time the validation loss has
 *   not improved for `patience` checks (see {@link PlateauTracker}; its state is checkpointed);
 * - `cosine`: cosine annealing with warm restarts (SGDR, Loshchilov & Hutter 2017).
 *
 * `minLearningRate` floors the decayed value. Every schedule but `plateau` is a pure function of
 * the clock; `plateau` reads the reduction count from the clock, which the trainer keeps.
 */
export type LearningRateSchedule = ConstantSchedule | ExponentialSchedule | StepSchedule | PlateauSchedule | CosineRestartsSchedule;

/** The learning rate never changes. */
export interface ConstantSchedule {
  /** Discriminator. */
  readonly kind: 'constant';
}

/** `lr₀ · rate^epoch`, or `lr₀ · rate^(step / everySteps)`. */
export interface ExponentialSchedule {
  /** Discriminator. */
  readonly kind: 'exponential';
  /** Decay factor in (0, 1]. */
  readonly rate: number;
  /** Decay per this many updates instead of per epoch. */
  readonly everySteps?: number;
  /** Floor of the decayed learning rate (default 0). */
  readonly minLearningRate?: number;
}

/** `lr₀ · gamma^⌊epoch / stepEpochs⌋`. */
export interface StepSchedule {
  /** Discriminator. */
  readonly kind: 'step';
  /** Epochs between decays. */
  readonly stepEpochs: number;
  /** Factor applied at each decay. */
  readonly gamma: number;
  /** Floor of the decayed learning rate (default 0). */
  readonly minLearningRate?: number;
}

/**
 * Reduce on plateau: `max(lr₀ · factor^reductions, minLearningRate)`. After every validation
 * check, a check that does not lower the best validation loss by more than `minDelta` counts as
 * bad; after `patience` bad checks in a row the learning rate is reduced once, and the next
 * `cooldown` checks count as neither bad nor good (an improvement still records its loss as the
 * best). Unlike PyTorch's `ReduceLROnPlateau` (which reduces after patience + 1 bad epochs), the
 * reduction comes after exactly `patience` bad checks — the same count as early stopping's
 * patience, which should be larger so that the reduced rate gets a chance. A resume with another
 * `learningRate` keeps the reductions made so far: the rate goes on as the new lr₀ · factor^reductions.
 */
export interface PlateauSchedule {
  /** Discriminator. */
  readonly kind: 'plateau';
  /** Factor applied at each reduction, in (0, 1). */
  readonly factor: number;
  /** Bad validation checks in a row before a reduction (integer >= 1). */
  readonly patience: number;
  /** Checks after a reduction that count as neither bad nor good (integer >= 0, default 0). */
  readonly cooldown?: number;
  /** Smallest decrease of the best validation loss that counts as an improvement (default 0). */
  readonly minDelta?: number;
  /** Floor of the reduced learning rate (default 0). Once reached, no further reduction is counted. */
  readonly minLearningRate?: number;
}

/**
 * Cosine annealing with warm restarts (SGDR): within a period of `T` epochs the rate falls from
 * `lr₀` to `minLearningRate` along half a cosine, `min + (lr₀ − min) · (1 + cos(π · t / T)) / 2`
 * with `t` the epochs (fractional: updated at every update) since the period started; then it
 * restarts at `lr₀` for a period `periodMultiplier` times longer.
 */
export interface CosineRestartsSchedule {
  /** Discriminator. */
  readonly kind: 'cosine';
  /** Length of the first period in epochs (> 0). */
  readonly periodEpochs: number;
  /** Each period is this many times longer than the one before (>= 1, default 1). */
  readonly periodMultiplier?: number;
  /** The rate at the end of every period (default 0). */
  readonly minLearningRate?: number;
}

/** Every schedule kind, for validation and command-line choices. */
export const LEARNING_RATE_SCHEDULE_KINDS: readonly LearningRateSchedule['kind'][] = ['constant', 'exponential', 'step', 'plateau', 'cosine'];

/** Where training is when the learning rate is looked up. */
export interface ScheduleClock {
  /** 0-based epoch index. */
  readonly epoch: number;
  /** Number of updates applied before this one. */
  readonly step: number;
  /** Epochs done, fractional within the epoch (e.g. 2.5 half-way through epoch 2); default `epoch`. Used by `cosine`. */
  readonly epochProgress?: number;
  /** Reductions a `plateau` schedule has made so far (see {@link PlateauTracker}); default 0. */
  readonly reductions?: number;
}

const bad = (what: string, v: unknown, rule: string) => new ConfigError(`Learning-rate schedule ${what} must be ${rule}, got ${JSON.stringify(v)}.`);

function checkFloor(v: number | undefined, initial: number | undefined): void {
  if (v === undefined) return;
  if (!(Number.isFinite(v) && v >= 0)) throw bad('minLearningRate', v, '>= 0');
  if (initial !== undefined && v > initial) throw bad('minLearningRate', v, `<= the initial learning rate (${initial})`);
}

function checkPositive(v: number | undefined, what: string): void {
  if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw bad(what, v, '> 0');
}

function checkInt(v: number | undefined, what: string, min: number): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= min)) throw bad(what, v, `an integer >= ${min}`);
}

/**
 * Throws a ConfigError when a schedule's numbers are out of range; with `initial` (the initial
 * learning rate) also when its floor lies above it.
 */
export function validateSchedule(schedule: LearningRateSchedule, options: { initial?: number } = {}): void {
  switch (schedule.kind) {
    case 'constant':
      return;
    case 'exponential':
      checkPositive(schedule.rate, 'rate');
      if (schedule.rate > 1) throw new ConfigError(`Exponential decay rate must be <= 1, got ${schedule.rate}.`);
      checkPositive(schedule.everySteps, 'everySteps');
      checkFloor(schedule.minLearningRate, options.initial);
      return;
    case 'step':
      checkPositive(schedule.gamma, 'gamma');
      if (!Number.isInteger(schedule.stepEpochs) || schedule.stepEpochs < 1) {
        throw new ConfigError(`Step schedule stepEpochs must be an integer >= 1, got ${schedule.stepEpochs}.`);
      }
      checkFloor(schedule.minLearningRate, options.initial);
      return;
    case 'plateau':
      if (!(Number.isFinite(schedule.factor) && schedule.factor > 0 && schedule.factor < 1)) throw bad('plateau factor', schedule.factor, 'in (0, 1)');
      if (schedule.patience === undefined) throw bad('plateau patience', schedule.patience, 'an integer >= 1');
      checkInt(schedule.patience, 'plateau patience', 1);
      checkInt(schedule.cooldown, 'plateau cooldown', 0);
      if (schedule.minDelta !== undefined && !(Number.isFinite(schedule.minDelta) && schedule.minDelta >= 0)) {
        throw bad('plateau minDelta', schedule.minDelta, '>= 0');
      }
      checkFloor(schedule.minLearningRate, options.initial);
      return;
    case 'cosine':
      if (schedule.periodEpochs === undefined) throw bad('cosine periodEpochs', schedule.periodEpochs, '> 0');
      checkPositive(schedule.periodEpochs, 'cosine periodEpochs');
      if (schedule.periodMultiplier !== undefined && !(Number.isFinite(schedule.periodMultiplier) && schedule.periodMultiplier >= 1)) {
        throw bad('cosine periodMultiplier', schedule.periodMultiplier, '>= 1');
      }
      checkFloor(schedule.minLearningRate, options.initial);
      return;
    default:
      throw new ConfigError(`Unknown learning-rate schedule "${(schedule as { kind: unknown }).kind}". Valid: ${LEARNING_RATE_SCHEDULE_KINDS.join(', ')}.`);
  }
}

/** Position within the current SGDR period: `[t, T]` (epochs since the restart, period length). */
export function cosinePeriodAt(progress: number, periodEpochs: number, multiplier = 1): [number, number] {
  let start = 0;
  let length = periodEpochs;
  // a small tolerance so that float accumulation never lands just short of a restart
  while (progress >= start + length - 1e-9) {
    start += length;
    length *= multiplier;
  }
  return [Math.max(0, progress - start), length];
}

/**
 * The learning rate for an update.
 *
 * @example
 * ```ts
 * learningRateAt(1e-3, { kind: 'step', stepEpochs: 10, gamma: 0.5 }, { epoch: 25, step: 0 }); // 2.5e-4
 * learningRateAt(1e-3, { kind: 'cosine', periodEpochs: 4 }, { epoch: 2, step: 0 }); // 5e-4
 * learningRateAt(1e-3, { kind: 'plateau', factor: 0.5, patience: 3 }, { epoch: 9, step: 0, reductions: 2 }); // 2.5e-4
 * ```
 */
export function learningRateAt(initial: number, schedule: LearningRateSchedule, clock: ScheduleClock): number {
  switch (schedule.kind) {
    case 'constant':
      return initial;
    case 'exponential': {
      const exponent = schedule.everySteps ? clock.step / schedule.everySteps : clock.epoch;
      return Math.max(initial * schedule.rate ** exponent, schedule.minLearningRate ?? 0);
    }
    case 'step':
      return Math.max(initial * schedule.gamma ** Math.floor(clock.epoch / schedule.stepEpochs), schedule.minLearningRate ?? 0);
    case 'plateau':
      return Math.max(initial * schedule.factor ** (clock.reductions ?? 0), schedule.minLearningRate ?? 0);
    case 'cosine': {
      const min = schedule.minLearningRate ?? 0;
      const [t, T] = cosinePeriodAt(clock.epochProgress ?? clock.epoch, schedule.periodEpochs, schedule.periodMultiplier ?? 1);
      return min + ((initial - min) * (1 + Math.cos((Math.PI * t) / T))) / 2;
    }
    default:
      return initial;
  }
}
