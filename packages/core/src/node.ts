/**
 * `@rnn-nade/core/node`: everything in `@rnn-nade/core`, plus what needs Node — model folders
 * on disk (`readModelDir`/`writeModelDir`, `fileModelIO`, folder locks), run folders with
 * checkpoints, logs and loss curves, data-parallel training on worker threads, and fatal-error
 * handlers for command-line programs. Importing it registers the file-path model router
 * (`model.save('models/jsb')`, `SequenceModel.load('models/jsb')`), the run-folder sinks of
 * `train({ runDir })` and the worker-thread step runner of `train({ workers })`.
 *
 * @example
 * ```ts
 * import { SequenceModel, train } from '@rnn-nade/core/node';
 * const { model } = await SequenceModel.load('models/jsb');
 * ```
 * @module @rnn-nade/core/node
 */
import { fileRouter } from './io/file-model-io';
import { registerModelIORouter } from './io/model-io';
import { openFileRunDir } from './train/node-run-dir';
import { startParallelRunner } from './train/parallel/parallel-runner';
import { registerRunDirSinks } from './train/run-sinks';
import { registerParallelStepRunner } from './train/step-runner';

export * from './index';
export { writeFileAtomic } from './io/atomic';
export {
  readModelDir,
  type WeightEntry,
  type WeightsManifest,
  writeModelDir,
} from './io/model-dir';
export {
  FILE_SCHEME,
  fileModelIO,
  fileRouter,
} from './io/file-model-io';
export {
  removeStale,
  removeStaleTempFiles,
  STALE_FILE_AGE_MS,
} from './io/stale-files';
export {
  acquireRunLock,
  type AcquireRunLockOptions,
  RUN_LOCK_FILE,
  type RunLock,
  RunLockError,
  type RunLockInfo,
  SAVE_LOCK_FILE,
} from './io/folder-lock';
export {
  type CheckpointContents,
  readCheckpointFile,
  writeCheckpointFile,
} from './train/checkpoint-file';
export {
  loadRunState,
  saveRunState,
} from './train/run-state-file';
export {
  readTrainLog,
  TrainLog,
  type TrainLogFields,
  type TrainLogRecord,
} from './train/train-log';
export {
  type HeldRunFolder,
  holdRunFolder,
} from './train/run-folder';
export {
  assertRunDirAvailable,
  RunDirExistsError,
  type RunDirGuardOptions,
} from './train/run-dir-guard';
export { openFileRunDir } from './train/node-run-dir';
export {
  type FatalErrorOptions,
  formatFatalError,
  installProcessErrorHandlers,
} from './util/process-errors';

registerModelIORouter(fileRouter);
registerRunDirSinks(openFileRunDir);
registerParallelStepRunner(startParallelRunner);
