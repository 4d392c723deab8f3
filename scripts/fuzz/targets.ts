import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Rng } from '@rnn-nade/core/node';
import { loadCorpus, readMat, readMidiFile, rollToSequence, type MatValue } from '@rnn-nade/data-midi/node';
import { writeMat } from './mat-writer';
import { readGloveVectors, readTextCorpus, splitTextCorpora } from '@rnn-nade/data-text/node';
import { BYTE_MUTATIONS, MIDI_MUTATIONS, TEXT_MUTATIONS, type Mutation } from './mutate';

/** The names of the fuzzed readers. */
export type TargetName = 'midi' | 'corpus-json' | 'corpus-mat' | 'vectors' | 'text';

/** One reader under fuzz: where its real inputs come from, how to mutate them, how to read a mutant. */
export interface FuzzTarget {
  /** Target name, as printed. */
  readonly name: TargetName;
  /** File extension of mutants (readers may look at it). */
  readonly ext: string;
  /** Mutations that suit the format. */
  readonly mutations: readonly Mutation[];
  /** Real files of this format under the data folder. */
  readonly sources: (dataDir: string) => string[];
  /** Cuts a real file to a small, still valid, random piece before mutating (default: whole file). */
  readonly piece?: (bytes: Uint8Array, rng: Rng) => Uint8Array;
  /** Runs the public reader on a mutant file; resolves to a one-line summary, or throws. */
  readonly read: (file: string, variant: number) => Promise<string>;
}

function walk(dir: string, keep: (f: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full, keep));
    else if (keep(e.name)) out.push(full);
  }
  return out;
}

/** A random run of `min`..`max` whole lines of a text file. */
function lines(min: number, max: number): (bytes: Uint8Array, rng: Rng) => Uint8Array {
  return (bytes, rng) => {
    const all = Buffer.from(bytes).toString('utf8').split('\n');
    const n = min + rng.int(max - min + 1);
    const start = rng.int(Math.max(1, all.length - n));
    return Buffer.from(`${all.slice(start, start + n).join('\n')}\n`, 'utf8');
  };
}

/** `loadCorpus` on a JSON or MAT file. */
async function readCorpus(file: string): Promise<string> {
  const c = await loadCorpus(file);
  return `${c.train.length}/${c.valid.length}/${c.test.length} sequences`;
}

const parsedMat = new WeakMap<Uint8Array, Map<string, MatValue>>();

/** A small MAT corpus cut from a real one: 1..3 random rolls of at most 64 steps per split, compressed or not. */
function matPiece(bytes: Uint8Array, rng: Rng): Uint8Array {
  let vars = parsedMat.get(bytes);
  if (!vars) {
    vars = readMat(bytes);
    parsedMat.set(bytes, vars);
  }
  const cut = (roll: MatValue): MatValue => {
    if (roll.kind !== 'numeric') return roll;
    const [rows, cols] = roll.dims as [number, number];
    const keep = Math.min(rows, 1 + rng.int(64));
    const values: number[] = [];
    for (let c = 0; c < cols; c++) for (let t = 0; t < keep; t++) values.push(roll.values[c * rows + t]!);
    return { kind: 'numeric', dims: [keep, cols], values };
  };
  const out = ['traindata', 'validdata', 'testdata'].map((name) => {
    const v = vars.get(name)!;
    const cells = v.kind === 'cell' ? Array.from({ length: 1 + rng.int(3) }, () => cut(v.cells[rng.int(v.cells.length)]!)) : [];
    return { name, value: { kind: 'cell', dims: [1, cells.length], cells } as MatValue };
  });
  return writeMat(out, { compress: rng.int(2) === 1 });
}

/** The fuzzed readers. */
export const TARGETS: Readonly<Record<TargetName, FuzzTarget>> = {
  midi: {
    name: 'midi',
    ext: '.mid',
    mutations: MIDI_MUTATIONS,
    sources: (d) => ['groove-midi', 'classical-piano-midi', 'midi-fixtures'].flatMap((c) => walk(path.join(d, c), (f) => /\.midi?$/i.test(f))),
    read: async (file, variant) => {
      const roll = await readMidiFile(file, { drums: variant % 2 === 1, stepsPerQuarter: variant % 3 === 2 ? 12 : 4 });
      const seq = rollToSequence(roll);
      return `${seq.steps} steps x ${seq.dim}`;
    },
  },
  'corpus-json': {
    name: 'corpus-json',
    ext: '.json',
    mutations: TEXT_MUTATIONS,
    sources: (d) => walk(path.join(d, 'jsb-chorales'), (f) => f.endsWith('.json')),
    read: readCorpus,
  },
  'corpus-mat': {
    name: 'corpus-mat',
    ext: '.mat',
    mutations: BYTE_MUTATIONS,
    sources: (d) => ['nottingham', 'piano-midi-de', 'musedata'].flatMap((c) => walk(path.join(d, c), (f) => f.endsWith('.mat'))),
    piece: matPiece,
    read: readCorpus,
  },
  vectors: {
    name: 'vectors',
    ext: '.txt',
    mutations: TEXT_MUTATIONS,
    sources: (d) => walk(path.join(d, 'glove-6b-50d-5k'), (f) => f.endsWith('.txt')),
    piece: lines(1, 400),
    read: async (file) => {
      const v = await readGloveVectors(file);
      return `${v.words.length} words x ${v.dim}`;
    },
  },
  text: {
    name: 'text',
    ext: '.txt',
    mutations: TEXT_MUTATIONS,
    sources: (d) => walk(path.join(d, 'wikitext-2'), (f) => f.endsWith('.txt')),
    piece: lines(1, 600),
    read: async (file) => {
      const corpus = await readTextCorpus(file);
      const s = splitTextCorpora([corpus], { files: [file] });
      return `${s.train.length}/${s.valid.length}/${s.test.length} sentences`;
    },
  },
};

/** Reads a source file (cached: sources are read many times). */
export function sourceBytes(cache: Map<string, Uint8Array>, file: string): Uint8Array {
  let b = cache.get(file);
  if (!b) {
    b = new Uint8Array(readFileSync(file));
    cache.set(file, b);
  }
  return b;
}
