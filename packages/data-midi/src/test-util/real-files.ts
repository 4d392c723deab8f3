import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from './data-dir';

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : /\.midi?$/i.test(n) ? [p] : [];
    });
}

/** All .mid files under a shared-data folder, sorted. */
export function midiFiles(folder: 'classical-piano-midi' | 'groove-midi' | 'midi-fixtures'): string[] {
  return walk(path.join(dataDir, folder));
}

/** Every k-th element (deterministic sample). */
export function everyKth<T>(xs: T[], k: number): T[] {
  return xs.filter((_, i) => i % k === 0);
}

/** File bytes. */
export const bytesOf = (f: string): Uint8Array => new Uint8Array(readFileSync(f));
