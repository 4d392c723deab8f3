import type { JsonValue } from '../estimator/contract';
import type { TensorData } from '../io/model-artifacts';
import { CheckpointError } from './checkpoint-error';
import { readCheckpointFile, writeCheckpointFile } from './checkpoint-file';
import type { EarlyStoppingState } from './early-stopping';
import type { TrainHistory } from './history';
import type { PlateauState } from './lr-plateau';
import type { OptimizerState } from './optimizer';
import { TRAIN_CHECKPOINT_VERSION, type RunState } from './run-state';

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
    lrPlateau: s.lrPlateau ? { ...s.lrPlateau } : null,
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
    lrPlateau: (st.lrPlateau as PlateauState | null | undefined) ?? null,
  };
}
