import { ConfigError } from '../util/errors';

/**
 * How the learning rate changes during training. Every schedule is a pure function of the
 * epoch (and update count), so it needs no state of its own in a checkpoint.
 * - `constant`: `lr₀` throughout;
 * - `exponential`: `lr₀ · rate^(epoch)` (or `^(step / everySteps)` when `everySteps` is set);
 * - `step`: `lr₀ · gamma^⌊epoch / stepEpochs⌋`.
 * `minLearningRate` floors the decayed value.
 */
export type LearningRateSchedule = ConstantSchedule | ExponentialSchedule | StepSchedule;

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

/** Where training is when the learning rate is looked up. */
export interface ScheduleClock {
  /** 0-based epoch index. */
  readonly epoch: number;
  /** Number of updates applied before this one. */
  readonly step: number;
}

/** Throws a ConfigError when a schedule's numbers are out of range. */
export function validateSchedule(schedule: LearningRateSchedule): void {
  const positive = (v: number | undefined, what: string) => {
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new ConfigError(`Learning-rate schedule ${what} must be > 0, got ${v}.`);
  };
  switch (schedule.kind) {
    case 'constant':
      return;
    case 'exponential':
      positive(schedule.rate, 'rate');
      if (schedule.rate > 1) throw new ConfigError(`Exponential decay rate must be <= 1, got ${schedule.rate}.`);
      positive(schedule.everySteps, 'everySteps');
      if (schedule.minLearningRate !== undefined && !(schedule.minLearningRate >= 0)) {
        throw new ConfigError(`minLearningRate must be >= 0, got ${schedule.minLearningRate}.`);
      }
      return;
    case 'step':
      positive(schedule.gamma, 'gamma');
      if (!Number.isInteger(schedule.stepEpochs) || schedule.stepEpochs < 1) {
        throw new ConfigError(`Step schedule stepEpochs must be an integer >= 1, got ${schedule.stepEpochs}.`);
      }
      if (schedule.minLearningRate !== undefined && !(schedule.minLearningRate >= 0)) {
        throw new ConfigError(`minLearningRate must be >= 0, got ${schedule.minLearningRate}.`);
      }
      return;
    default:
      throw new ConfigError(`Unknown learning-rate schedule "${(schedule as { kind: unknown }).kind}". Valid: constant, exponential, step.`);
  }
}

/**
 * The learning rate for an update.
 *
 * @example
 * ```ts
 * learningRateAt(1e-3, { kind: 'step', stepEpochs: 10, gamma: 0.5 }, { epoch: 25, step: 0 }); // 2.5e-4
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
    default:
      return initial;
  }
}
