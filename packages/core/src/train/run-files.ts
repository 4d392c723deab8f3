import type { RunFiles } from './train-options';

/** File names inside a run directory. */
export const RUN_FILES: RunFiles = {
  checkpoint: 'checkpoint.ckpt',
  log: 'train-log.jsonl',
  lossCurve: 'loss-curve.svg',
};
