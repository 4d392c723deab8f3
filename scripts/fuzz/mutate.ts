import type { Rng } from '@rnn-nade/core/node';

/** Mutants never grow past this many bytes (the readers' limits, not the mutant size, are under test). */
export const MAX_MUTANT_BYTES = 4 * 1024 * 1024;

/** A named mutation: source bytes + a donor (another real file) -> mutant bytes. */
export interface Mutation {
  /** Short name, printed with offending mutants. */
  readonly name: string;
  /** Applies the mutation (never modifies its inputs). */
  readonly apply: (src: Uint8Array, donor: Uint8Array, rng: Rng) => Uint8Array;
}

const enc = new TextEncoder();

function splice(src: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  at = Math.min(at, src.length);
  remove = Math.min(remove, src.length - at);
  const out = new Uint8Array(src.length - remove + insert.length);
  out.set(src.subarray(0, at));
  out.set(insert, at);
  out.set(src.subarray(at + remove), at + insert.length);
  return out;
}

const at = (src: Uint8Array, rng: Rng) => rng.int(Math.max(1, src.length));

/** Overwrites `bytes` at a random offset >= `from` (a copy; unchanged when too short). */
function poke(src: Uint8Array, from: number, bytes: number[], rng: Rng): Uint8Array {
  const out = src.slice();
  const room = out.length - from - bytes.length;
  if (room >= 0) out.set(bytes, from + rng.int(room + 1));
  return out;
}

/** Byte-level mutations that suit any format. */
export const BYTE_MUTATIONS: readonly Mutation[] = [
  { name: 'truncate', apply: (s, _d, rng) => s.slice(0, rng.int(Math.max(1, s.length))) },
  {
    name: 'flip-bytes',
    apply: (s, _d, rng) => {
      const out = s.slice();
      for (let i = 1 + rng.int(8); i > 0 && out.length > 0; i--) out[rng.int(out.length)] = rng.int(256);
      return out;
    },
  },
  {
    name: 'flip-bits',
    apply: (s, _d, rng) => {
      const out = s.slice();
      for (let i = 1 + rng.int(16); i > 0 && out.length > 0; i--) out[rng.int(out.length)]! ^= 1 << rng.int(8);
      return out;
    },
  },
  {
    name: 'splice-donor',
    apply: (s, d, rng) => {
      const from = rng.int(Math.max(1, d.length));
      return splice(s, at(s, rng), rng.int(64), d.subarray(from, from + 1 + rng.int(4096)));
    },
  },
  {
    name: 'repeat-range',
    apply: (s, _d, rng) => {
      const start = at(s, rng);
      const piece = s.subarray(start, start + 1 + rng.int(256));
      const times = 1 + rng.int(Math.max(1, Math.floor(MAX_MUTANT_BYTES / 2 / Math.max(1, piece.length))));
      const block = new Uint8Array(piece.length * times);
      for (let i = 0; i < times; i++) block.set(piece, i * piece.length);
      return splice(s, start, 0, block);
    },
  },
  { name: 'delete-range', apply: (s, _d, rng) => splice(s, at(s, rng), 1 + rng.int(512), new Uint8Array(0)) },
];

/** Values that stress sizes and ranges in text formats. */
const HUGE_TEXT = [
  '1e999',
  '-1e999',
  '9'.repeat(400),
  '1e308',
  '-0',
  '0x1F',
  'NaN',
  'Infinity',
  '4294967296',
  '-2147483649',
  '1e-400',
  '""',
  'null',
  '[]',
  '{}',
];

/** Mutations for text formats (JSON corpora, vector files, plain text). */
export const TEXT_MUTATIONS: readonly Mutation[] = [
  ...BYTE_MUTATIONS,
  { name: 'insert-huge-number', apply: (s, _d, rng) => splice(s, at(s, rng), 0, enc.encode(` ${HUGE_TEXT[rng.int(HUGE_TEXT.length)]!} `)) },
  {
    name: 'replace-number',
    apply: (s, _d, rng) => {
      const text = Buffer.from(s).toString('latin1');
      const re = /-?\d+(\.\d+)?(e-?\d+)?/g;
      const hits = [...text.matchAll(re)];
      if (hits.length === 0) return s.slice();
      const h = hits[rng.int(hits.length)]!;
      return splice(s, h.index, h[0].length, enc.encode(HUGE_TEXT[rng.int(HUGE_TEXT.length)]!));
    },
  },
  {
    name: 'strip-newlines',
    apply: (s) => s.map((b) => (b === 0x0a ? 0x20 : b)),
  },
  {
    name: 'duplicate-lines',
    apply: (s, _d, rng) => {
      const text = Buffer.from(s).toString('latin1').split('\n');
      const i = rng.int(text.length);
      const copies = Array(1 + rng.int(100)).fill(text[i]!);
      text.splice(rng.int(text.length), 0, ...copies);
      return Buffer.from(text.join('\n'), 'latin1');
    },
  },
];

/** Mutations for Standard MIDI Files: the byte mutations plus huge variable-length numbers and lengths. */
export const MIDI_MUTATIONS: readonly Mutation[] = [
  ...BYTE_MUTATIONS,
  {
    name: 'huge-varint',
    apply: (s, _d, rng) => {
      return poke(s, 14, [0x80 | rng.int(128), 0x80 | rng.int(128), 0x80 | rng.int(128), rng.int(128)], rng);
    },
  },
  {
    name: 'huge-u32',
    apply: (s, _d, rng) => {
      return poke(s, 4, [rng.int(256), rng.int(256), rng.int(256), rng.int(256)], rng);
    },
  },
  {
    name: 'tiny-division',
    apply: (s, _d, rng) => {
      const out = s.slice();
      if (out.length >= 14) out.set([0, 1 + rng.int(2)], 12); // 1 or 2 ticks per quarter
      return out;
    },
  },
];

/**
 * One mutant: 1 to 3 mutations drawn from `mutations`, chained; the result is cut to
 * {@link MAX_MUTANT_BYTES}. Returns the bytes and the names of the mutations applied.
 */
export function mutate(src: Uint8Array, donor: Uint8Array, rng: Rng, mutations: readonly Mutation[]): { bytes: Uint8Array; applied: string[] } {
  let bytes = src;
  const applied: string[] = [];
  for (let k = 1 + rng.int(3); k > 0; k--) {
    const m = mutations[rng.int(mutations.length)]!;
    bytes = m.apply(bytes, donor, rng);
    if (bytes.length > MAX_MUTANT_BYTES) bytes = bytes.slice(0, MAX_MUTANT_BYTES);
    applied.push(m.name);
  }
  return { bytes, applied };
}
