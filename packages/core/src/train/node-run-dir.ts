import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { holdRunFolder } from './run-folder';
import type { RunDirSinksFactory } from './run-sinks';
import { loadRunState, saveRunState } from './run-state-file';
import { TrainLog } from './train-log';
import { RUN_FILES } from './run-files';

/**
 * The file sinks of a run folder (Node): takes the folder's lock and removes stale temporary
 * files, then writes `checkpoint.ckpt` atomically, appends `train-log.jsonl` and rewrites
 * `loss-curve.svg`. Registered by `@rnn-nade/core/node`.
 */
export const openFileRunDir: RunDirSinksFactory = async (dir, options) => {
  const folder = await holdRunFolder(dir, options);
  const files = { checkpoint: join(dir, RUN_FILES.checkpoint), log: join(dir, RUN_FILES.log), lossCurve: join(dir, RUN_FILES.lossCurve) };
  return {
    files,
    loadState: () => loadRunState(files.checkpoint),
    saveState: (state) => saveRunState(files.checkpoint, state),
    openLog: (o) => TrainLog.open(files.log, o),
    writeLossCurve: (svg) => writeFile(files.lossCurve, svg),
    release: () => folder.release(),
  };
};
