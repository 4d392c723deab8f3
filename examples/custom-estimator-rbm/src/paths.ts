import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (two levels above this example). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The committed RNN-RBM model directory. */
export const JSB_RBM_MODEL_DIR = resolve(REPO_ROOT, 'models/jsb-rnn-rbm');

/** Corpus folder: `RNN_NADE_DATA_DIR` (relative to the repo root), else `../shared/data` when it exists. */
export function dataDir(): string | undefined {
  const env = process.env.RNN_NADE_DATA_DIR;
  if (env) return resolve(REPO_ROOT, env);
  const fallback = resolve(REPO_ROOT, '../shared/data');
  return existsSync(fallback) ? fallback : undefined;
}
