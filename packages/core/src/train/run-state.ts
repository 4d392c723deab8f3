import type { JsonValue } from '../estimator/contract';
import type { TensorData } from '../io/model-dir';
import { CheckpointError, readCheckpointFile, writeCheckpointFile } from './checkpoint-file';
import type { EarlyStoppingState } from './early-stopping';
import type { TrainHistory } from './history';
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

const W = 'weights/';
const B = 'best/';
const O = 'optimizer/';

/** Writes a run state to `path` atomically (see {@link writeCheckpointFile}). */
export async function saveRunState(path: string, s: RunState): Promise<void> {
  const tensors: Record<string, TensorData> = {};
  for (const [k, t] of Object.entries(s.weights)) tensors[W + k] = t;
  for (const [k, t] of Object.entries(s.bestWeights ?? {})) tensors[B + k] = t;
  for (const [k, t] of Object.entries(s.optimizer.slots)) tensors[O + k] = t;
  const state = {
    kind: 'rnn-nade-train-checkpoint',
    version: TRAIN_CHECKPOINT_VERSION,
    epochsDone: s.epochsDone,
    step: s.step,
    rng: s.rng,
    optimizer: { config: { ...s.optimizer.config }, step: s.optimizer.step },
    earlyStopping: s.earlyStopping ? { ...s.earlyStopping } : null,
    history: JSON.parse(JSON.stringify(s.history)) as JsonValue,
    bestValidLoss: s.bestValidLoss,
    bestEpoch: s.bestEpoch,
    hasBest: s.bestWeights !== null,
    stopped: s.stopped,
    logBytes: s.logBytes,
    fingerprint: s.fingerprint,
    referenceLoss: s.referenceLoss ?? null,
  };
  await writeCheckpointFile(path, state, tensors);
}

/** Reads a run state; `undefined` when there is no checkpoint at `path`. */
export async function loadRunState(path: string): Promise<RunState | undefined> {
  const contents = await readCheckpointFile(path);
  if (!contents) return undefined;
  const st = contents.state as Record<string, unknown>;
  if (st.kind !== 'rnn-nade-train-checkpoint') throw new CheckpointError(path, 'Not a training checkpoint');
  if (st.version !== TRAIN_CHECKPOINT_VERSION) {
    throw new CheckpointError(path, `Checkpoint version ${String(st.version)} is not supported (expected ${TRAIN_CHECKPOINT_VERSION})`);
  }
  const weights: Record<string, TensorData> = {};
  const best: Record<string, TensorData> = {};
  const slots: Record<string, TensorData> = {};
  for (const [k, t] of Object.entries(contents.tensors)) {
    if (k.startsWith(W)) weights[k.slice(W.length)] = t;
    else if (k.startsWith(B)) best[k.slice(B.length)] = t;
    else if (k.startsWith(O)) slots[k.slice(O.length)] = t;
  }
  const opt = st.optimizer as { config: OptimizerState['config']; step: number };
  return {
    epochsDone: st.epochsDone as number,
    step: st.step as number,
    rng: st.rng as number[],
    optimizer: { config: opt.config, step: opt.step, slots },
    earlyStopping: st.earlyStopping as EarlyStoppingState | null,
    history: st.history as unknown as TrainHistory,
    bestValidLoss: st.bestValidLoss as number | null,
    bestEpoch: st.bestEpoch as number | null,
    stopped: st.stopped === true,
    logBytes: st.logBytes as number,
    fingerprint: st.fingerprint as { [key: string]: JsonValue },
    weights,
    bestWeights: st.hasBest === true ? best : null,
    referenceLoss: typeof st.referenceLoss === 'number' ? st.referenceLoss : null,
  };
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
