import { ConfigError } from '../util/errors';
import { validateSchedule, type LearningRateSchedule } from './lr-schedule';

/** The schedule names command lines use: `exp` (per-epoch decay; 1 = constant), `plateau`, `cosine`. */
export const SCHEDULE_FLAG_NAMES = ['exp', 'plateau', 'cosine'] as const;

/** A schedule name of {@link SCHEDULE_FLAG_NAMES}. */
export type ScheduleFlagName = (typeof SCHEDULE_FLAG_NAMES)[number];

/**
 * A learning-rate schedule as flat command-line values (`--lr-schedule`, `--lr-decay`,
 * `--lr-patience`, `--lr-factor`, `--lr-cooldown`, `--restart-epochs`, `--restart-multiplier`,
 * `--min-lr`). Values that do not belong to the chosen schedule are ignored.
 */
export interface ScheduleFlags {
  /** Which schedule. */
  readonly schedule: ScheduleFlagName;
  /** `exp`: per-epoch factor in (0, 1]; 1 (default) = constant. */
  readonly decay?: number;
  /** `plateau`: validation checks without a new best before a reduction (default 4). */
  readonly patience?: number;
  /** `plateau`: factor of each reduction (default 0.5). */
  readonly factor?: number;
  /** `plateau`: checks after a reduction that count as neither bad nor good (default 0). */
  readonly cooldown?: number;
  /** `cosine`: epochs of the first period (default 10). */
  readonly restartEpochs?: number;
  /** `cosine`: each period this many times longer (default 1). */
  readonly restartMultiplier?: number;
  /** Floor of every schedule (default 0). */
  readonly minLearningRate?: number;
}

/**
 * The {@link LearningRateSchedule} of command-line values, validated.
 *
 * @throws ConfigError naming the bad value.
 * @example
 * ```ts
 * scheduleFromFlags({ schedule: 'plateau', patience: 4, factor: 0.5, minLearningRate: 1e-5 });
 * // { kind: 'plateau', factor: 0.5, patience: 4, cooldown: 0, minLearningRate: 1e-5 }
 * ```
 */
export function scheduleFromFlags(flags: ScheduleFlags, options: { initial?: number } = {}): LearningRateSchedule {
  // a floor of 0 is left out, so that a run's schedule (and its checkpoint fingerprint) is the
  // same as before floors existed
  const floor = flags.minLearningRate ? { minLearningRate: flags.minLearningRate } : {};
  let schedule: LearningRateSchedule;
  switch (flags.schedule) {
    case 'exp':
      schedule = (flags.decay ?? 1) === 1 ? { kind: 'constant' } : { kind: 'exponential', rate: flags.decay!, ...floor };
      break;
    case 'plateau':
      schedule = { kind: 'plateau', factor: flags.factor ?? 0.5, patience: flags.patience ?? 4, cooldown: flags.cooldown ?? 0, ...floor };
      break;
    case 'cosine':
      schedule = { kind: 'cosine', periodEpochs: flags.restartEpochs ?? 10, periodMultiplier: flags.restartMultiplier ?? 1, ...floor };
      break;
    default:
      throw new ConfigError(`--lr-schedule must be one of ${SCHEDULE_FLAG_NAMES.join(', ')}, got ${JSON.stringify(flags.schedule)}.`);
  }
  validateSchedule(schedule, options);
  return schedule;
}

const num = (x: number) => String(Number(x.toPrecision(6)));

/**
 * A schedule in a few words, for tables and model cards.
 *
 * @example
 * ```ts
 * describeSchedule({ kind: 'plateau', factor: 0.5, patience: 4, cooldown: 1, minLearningRate: 1e-5 });
 * // 'plateau ×0.5 after 4 flat checks, cooldown 1, floor 0.00001'
 * ```
 */
export function describeSchedule(schedule: LearningRateSchedule): string {
  const floor = 'minLearningRate' in schedule && schedule.minLearningRate ? `, floor ${num(schedule.minLearningRate)}` : '';
  switch (schedule.kind) {
    case 'constant':
      return 'constant';
    case 'exponential':
      return `×${num(schedule.rate)} per ${schedule.everySteps ? `${schedule.everySteps} updates` : 'epoch'}${floor}`;
    case 'step':
      return `×${num(schedule.gamma)} every ${schedule.stepEpochs} epochs${floor}`;
    case 'plateau':
      return `plateau ×${num(schedule.factor)} after ${schedule.patience} flat checks${schedule.cooldown ? `, cooldown ${schedule.cooldown}` : ''}${floor}`;
    case 'cosine': {
      const mult = (schedule.periodMultiplier ?? 1) !== 1 ? ` ×${num(schedule.periodMultiplier!)}` : '';
      return `cosine, restarts every ${num(schedule.periodEpochs)}${mult} epochs${floor}`;
    }
    default:
      return 'unknown';
  }
}
