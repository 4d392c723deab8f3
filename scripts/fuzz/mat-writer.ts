import { deflateSync } from 'node:zlib';
import type { MatValue } from '@rnn-nade/data-midi/node';

const MI_INT8 = 1;
const MI_UINT8 = 2;
const MI_INT32 = 5;
const MI_UINT32 = 6;
const MI_DOUBLE = 9;
const MI_MATRIX = 14;
const MI_COMPRESSED = 15;
const MX_CELL = 1;
const MX_DOUBLE = 6;
const MX_UINT8 = 9;

/** One tagged data element, padded to 8 bytes. */
function element(type: number, data: Uint8Array, options: { pad?: boolean } = {}): Uint8Array {
  const padded = options.pad === false ? data.length : Math.ceil(data.length / 8) * 8;
  const out = new Uint8Array(8 + padded);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** A `miMATRIX` element for a numeric array (uint8 when every value fits, else double) or a cell array. */
function matrix(value: MatValue, name: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let cls: number;
  if (value.kind === 'cell') {
    cls = MX_CELL;
    for (const cell of value.cells) parts.push(matrix(cell, ''));
  } else {
    const values = Array.from(value.values);
    const bytes = values.every((v) => Number.isInteger(v) && v >= 0 && v <= 255);
    cls = bytes ? MX_UINT8 : MX_DOUBLE;
    parts.push(bytes ? element(MI_UINT8, Uint8Array.from(values)) : element(MI_DOUBLE, bytesOf(Float64Array.from(values))));
  }
  const head = [
    element(MI_UINT32, bytesOf(Uint32Array.of(cls, 0))),
    element(MI_INT32, bytesOf(Int32Array.from(value.dims))),
    element(MI_INT8, new TextEncoder().encode(name)),
  ];
  return element(MI_MATRIX, Buffer.concat([...head, ...parts]));
}

/**
 * Writes variables as a little-endian MATLAB 5 MAT-file (numeric and cell arrays only), each
 * variable compressed (`miCOMPRESSED`) when asked. Enough to build small corpora and malformed
 * variants of them for tests and fuzzing.
 */
export function writeMat(vars: ReadonlyArray<{ name: string; value: MatValue }>, options: { compress?: boolean } = {}): Uint8Array {
  const header = new Uint8Array(128).fill(0x20);
  header.set(new TextEncoder().encode('MATLAB 5.0 MAT-file, written by rnn-nade fuzz'), 0);
  header.set([0, 1, 0x49, 0x4d], 124); // version 0x0100, "IM": little-endian
  const body = vars.map(({ name, value }) => {
    const m = matrix(value, name);
    return options.compress ? element(MI_COMPRESSED, deflateSync(m), { pad: false }) : m;
  });
  return new Uint8Array(Buffer.concat([header, ...body])); // a plain, zero-offset copy (not a view into the Buffer pool)
}
