import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (four levels above this file). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The shared real-data directory: `RNN_NADE_DATA_DIR` (relative to the repo root) or `../shared/data`. */
export const dataDir = resolve(repoRoot, process.env.RNN_NADE_DATA_DIR ?? '../shared/data');

/** Path of the 5,050-word GloVe 50d subset. */
export const glovePath = resolve(dataDir, 'glove-6b-50d-5k/glove.6B.50d.5k.txt');

/** Path of a WikiText-2 split. */
export const wikiTextPath = (split: 'valid' | 'test') => resolve(dataDir, `wikitext-2/${split}.txt`);

if (!existsSync(glovePath)) throw new Error(`Real data not found at ${dataDir}; set RNN_NADE_DATA_DIR.`);
