import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repo root (three levels above this file's package src). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The shared real-data folder: `RNN_NADE_DATA_DIR` or `<repo>/../shared/data`. */
export const dataDir = path.resolve(process.env.RNN_NADE_DATA_DIR ?? path.resolve(repoRoot, '../shared/data'));
