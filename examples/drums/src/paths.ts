import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (three levels above this file). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the committed drum model lives. */
export const DRUM_MODEL_DIR = resolve(repoRoot, 'models/groove-drums');

/** Where the example writes its pictures and MIDI files. */
export const DRUM_FIGURES_DIR = resolve(repoRoot, 'docs/figures/drums');

/** `RNN_NADE_DATA_DIR`, else `../shared/data` next to the repository when it exists. */
export function dataDirOrDefault(): string | undefined {
  const env = process.env.RNN_NADE_DATA_DIR;
  if (env) return resolve(repoRoot, env);
  const local = resolve(repoRoot, '../shared/data');
  return existsSync(local) ? local : undefined;
}

/** A path relative to the repository root (for commands and pages). */
export function repoRelative(path: string): string {
  return relative(repoRoot, resolve(path)) || '.';
}
