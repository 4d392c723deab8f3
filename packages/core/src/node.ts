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
export * from './io/atomic';
export * from './io/model-dir';
export * from './io/file-model-io';
export * from './io/stale-files';
export * from './io/folder-lock';
export * from './train/checkpoint-file';
export * from './train/run-state-file';
export * from './train/train-log';
export * from './train/run-folder';
export * from './train/run-dir-guard';
export * from './train/node-run-dir';
export * from './util/process-errors';

registerModelIORouter(fileRouter);
registerRunDirSinks(openFileRunDir);
registerParallelStepRunner(startParallelRunner);
