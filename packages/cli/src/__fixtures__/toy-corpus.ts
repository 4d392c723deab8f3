import { writeFileSync } from 'node:fs';

/**
 * Writes a small `{train, valid, test}` corpus of "MIDI pitches per step" sequences (like the
 * Boulanger-Lewandowski JSON files) with simple structure: a rising triad pattern.
 */
export function writeToyCorpus(file: string, seed = 1): { train: number[][][]; valid: number[][][]; test: number[][][] } {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const piece = () =>
    Array.from({ length: 6 + Math.floor(rand() * 6) }, (_, t) => {
      const root = 60 + ((t * 2 + Math.floor(rand() * 2)) % 12);
      return rand() < 0.1 ? [] : [root, root + 4, root + 7];
    });
  const corpus = { train: Array.from({ length: 8 }, piece), valid: Array.from({ length: 3 }, piece), test: Array.from({ length: 3 }, piece) };
  writeFileSync(file, JSON.stringify(corpus));
  return corpus;
}
