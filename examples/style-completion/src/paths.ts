import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (three levels above this file). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the committed completion model lives. */
export const STYLE_MODEL_DIR = resolve(repoRoot, 'models/style-completion');

/** Where the example writes its pictures and MIDI files. */
export const STYLE_FIGURES_DIR = resolve(repoRoot, 'docs/figures/style-completion');

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
