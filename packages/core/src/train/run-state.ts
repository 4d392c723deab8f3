import type { JsonValue } from '../estimator/contract';
import type { TensorData } from '../io/model-artifacts';
import { CheckpointError } from './checkpoint-error';
import type { EarlyStoppingState } from './early-stopping';
import type { TrainHistory } from './history';
import type { PlateauState } from './lr-plateau';
import type { OptimizerState } from './optimizer';

/** Checkpoint format version written by this trainer. */
export const TRAIN_CHECKPOINT_VERSION = 1;

/**
 * Everything needed to continue a run exactly where it stopped (at an epoch boundary).
 */
export interface RunState {
  /** Epochs completed. */
  readonly epochsDone: number;
  /** Updates applied. */
  readonly step: number;
  /** The trainer Rng's state (shuffling, dropout, augmentation). */
  readonly rng: number[];
  /** The optimizer's state (moments, update count). */
  readonly optimizer: OptimizerState;
  /** The early-stopping tracker's state, null when early stopping is off. */
  readonly earlyStopping: EarlyStoppingState | null;
  /** Learning curves so far. */
  readonly history: TrainHistory;
  /** Best validation loss per frame so far, and its epoch. */
  readonly bestValidLoss: number | null;
  /** Epoch (0-based) of the best validation loss. */
  readonly bestEpoch: number | null;
  /** Early stopping fired: a resume does nothing more. */
  readonly stopped: boolean;
  /** Size of the JSON-lines log when the checkpoint was written. */
  readonly logBytes: number;
  /** The options that must not change across a resume. */
  readonly fingerprint: { [key: string]: JsonValue };
  /** Current weights, and the best ones (null when no check improved yet). */
  readonly weights: Record<string, TensorData>;
  /** The weights of the best validation check. */
  readonly bestWeights: Record<string, TensorData> | null;
  /** The divergence guard's reference loss (first training batch of the run); null when unknown. */
  readonly referenceLoss?: number | null;
  /** The `plateau` learning-rate schedule's state; null (or absent) for every other schedule. */
  readonly lrPlateau?: PlateauState | null;
}

/**
 * Fingerprint fields a resume may change: the learning rate (to continue a diverged run more
 * gently). Every other field must match the checkpoint.
 */
export const RESUME_ADJUSTABLE_FIELDS: readonly string[] = ['learningRate'];

/** A fingerprint field a resume changed (one of {@link RESUME_ADJUSTABLE_FIELDS}). */
export interface FingerprintChange {
  /** The field. */
  readonly key: string;
  /** Its value in the checkpoint. */
  readonly saved: JsonValue;
  /** Its value in this run. */
  readonly current: JsonValue;
}

/**
 * Throws a CheckpointError naming the first option that differs between a checkpoint and the
 * run trying to resume it, except the {@link RESUME_ADJUSTABLE_FIELDS} (the learning rate),
 * whose changes are returned so that the caller can report them.
 */
export function checkFingerprint(path: string, saved: { [key: string]: JsonValue }, current: { [key: string]: JsonValue }): FingerprintChange[] {
  const keys = new Set([...Object.keys(saved), ...Object.keys(current)]);
  const changes: FingerprintChange[] = [];
  for (const key of [...keys].sort()) {
    const a = JSON.stringify(saved[key] ?? null);
    const b = JSON.stringify(current[key] ?? null);
    if (a !== b && RESUME_ADJUSTABLE_FIELDS.includes(key)) {
      changes.push({ key, saved: saved[key] ?? null, current: current[key] ?? null });
    } else if (a !== b) {
      throw new CheckpointError(
        path,
        `Cannot resume: the checkpoint was written with ${key} = ${a}, this run has ${b}. ` +
          `Resume with the same options (only ${RESUME_ADJUSTABLE_FIELDS.join(', ')} may change), or train into a new directory`,
      );
    }
  }
  return changes;
}
