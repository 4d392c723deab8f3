import { inflateSync } from 'node:zlib';
import { CorpusFormatError } from '../errors';
import { resolveCorpusLimits, type CorpusLimits } from './corpus-limits';

/** A numeric MATLAB array: column-major values with their dimensions. */
export interface MatNumeric {
  /** Discriminant. */
  readonly kind: 'numeric';
  /** MATLAB dimensions (rows, columns, ...). */
  readonly dims: number[];
  /** Column-major values (converted to numbers). */
  readonly values: ArrayLike<number>;
}

/** A MATLAB cell array: column-major cells with their dimensions. */
export interface MatCell {
  /** Discriminant. */
  readonly kind: 'cell';
  /** MATLAB dimensions of the cell array. */
  readonly dims: number[];
  /** Column-major cells. */
  readonly cells: MatValue[];
}

/** A value read from a MAT file (only the classes the corpora use). */
export type MatValue = MatNumeric | MatCell;

const MI_INT8 = 1;
const MI_UINT8 = 2;
const MI_INT16 = 3;
const MI_UINT16 = 4;
const MI_INT32 = 5;
const MI_UINT32 = 6;
const MI_SINGLE = 7;
const MI_DOUBLE = 9;
const MI_MATRIX = 14;
const MI_COMPRESSED = 15;
const MX_CELL = 1;

interface Element {
  readonly type: number;
  readonly data: Buffer;
  /** Offset just after the element (padded to 8 bytes). */
  readonly next: number;
}

function readElement(buf: Buffer, offset: number, label: string): Element {
  if (offset + 8 > buf.length) throw new CorpusFormatError(`${label}: truncated MAT element tag at byte ${offset}.`);
  const first = buf.readUInt32LE(offset);
  if (first >>> 16 !== 0) {
    // Small data element: 2-byte size, 2-byte type, 4 bytes of data.
    const size = first >>> 16;
    if (size > 4) throw new CorpusFormatError(`${label}: bad small MAT element at byte ${offset}.`);
    return { type: first & 0xffff, data: buf.subarray(offset + 4, offset + 4 + size), next: offset + 8 };
  }
  const size = buf.readUInt32LE(offset + 4);
  const start = offset + 8;
  if (start + size > buf.length) throw new CorpusFormatError(`${label}: MAT element at byte ${offset} runs past the end.`);
  const padded = first === MI_COMPRESSED ? size : Math.ceil(size / 8) * 8;
  return { type: first, data: buf.subarray(start, start + size), next: start + padded };
}

function numbers(el: Element): ArrayLike<number> {
  const d = el.data;
  const copy = (bytes: number) => {
    const ab = new ArrayBuffer(d.length - (d.length % bytes));
    new Uint8Array(ab).set(d.subarray(0, ab.byteLength));
    return ab;
  };
  switch (el.type) {
    case MI_INT8:
      return new Int8Array(copy(1));
    case MI_UINT8:
      return new Uint8Array(copy(1));
    case MI_INT16:
      return new Int16Array(copy(2));
    case MI_UINT16:
      return new Uint16Array(copy(2));
    case MI_INT32:
      return new Int32Array(copy(4));
    case MI_UINT32:
      return new Uint32Array(copy(4));
    case MI_SINGLE:
      return new Float32Array(copy(4));
    case MI_DOUBLE:
      return new Float64Array(copy(8));
    default:
      throw new CorpusFormatError(`Unsupported MAT data type ${el.type}.`);
  }
}

/** Cells nested deeper than this are refused (the corpora nest 2 deep), so recursion is bounded. */
const MAX_CELL_DEPTH = 16;

function readMatrix(data: Buffer, label: string, depth = 0): { name: string; value: MatValue } {
  if (data.length === 0) return { name: '', value: { kind: 'numeric', dims: [0, 0], values: [] } };
  if (depth > MAX_CELL_DEPTH) throw new CorpusFormatError(`${label}: cell arrays nested more than ${MAX_CELL_DEPTH} deep.`);
  const flags = readElement(data, 0, label);
  if (flags.data.length < 4) throw new CorpusFormatError(`${label}: array flags of ${flags.data.length} bytes (expected 8).`);
  const cls = flags.data.readUInt32LE(0) & 0xff;
  const dimsEl = readElement(data, flags.next, label);
  const dims = Array.from(numbers(dimsEl));
  const nameEl = readElement(data, dimsEl.next, label);
  const name = nameEl.data.toString('latin1');
  const count = dims.reduce((a, b) => a * b, 1);
  if (cls === MX_CELL) {
    const cells: MatValue[] = [];
    let off = nameEl.next;
    for (let i = 0; i < count; i++) {
      const el = readElement(data, off, label);
      if (el.type !== MI_MATRIX) throw new CorpusFormatError(`${label}: cell ${i} of "${name}" is not a matrix.`);
      cells.push(readMatrix(el.data, label, depth + 1).value);
      off = el.next;
    }
    return { name, value: { kind: 'cell', dims, cells } };
  }
  const real = readElement(data, nameEl.next, label);
  const values = numbers(real);
  if (values.length !== count) throw new CorpusFormatError(`${label}: "${name}" has ${values.length} values for dims ${dims.join('x')}.`);
  return { name, value: { kind: 'numeric', dims, values } };
}

/**
 * Reads the variables of a MATLAB 5 MAT-file (little-endian; compressed or not), supporting
 * numeric arrays and cell arrays — enough for the ICML 2012 corpora (`traindata`, `validdata`,
 * `testdata`: cells of T x 88 uint8 piano rolls).
 *
 * A compressed element that would inflate beyond `limits.maxInflatedBytes` (default 256 MiB) is
 * refused with a {@link CorpusFormatError} instead of being inflated.
 *
 * @example
 * ```ts
 * const vars = readMat(fs.readFileSync('Nottingham.mat'));
 * const train = vars.get('traindata'); // { kind: 'cell', ... }
 * ```
 */
export function readMat(bytes: Uint8Array, label = 'MAT file', limits: Pick<CorpusLimits, 'maxInflatedBytes'> = {}): Map<string, MatValue> {
  const { maxInflatedBytes } = resolveCorpusLimits(limits);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 128 || !buf.subarray(0, 6).toString('latin1').startsWith('MATLAB')) {
    throw new CorpusFormatError(`${label} is not a MATLAB 5 MAT-file.`);
  }
  if (buf.subarray(126, 128).toString('latin1') !== 'IM') {
    throw new CorpusFormatError(`${label}: only little-endian MAT-files are supported.`);
  }
  const out = new Map<string, MatValue>();
  let off = 128;
  while (off + 8 <= buf.length) {
    let el = readElement(buf, off, label);
    off = el.next;
    if (el.type === MI_COMPRESSED) {
      let inflated: Buffer;
      try {
        inflated = inflateSync(el.data, { maxOutputLength: Math.min(maxInflatedBytes, 2 ** 31 - 1) });
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new CorpusFormatError(`${label}: the compressed element at byte ${off} inflates to more than maxInflatedBytes = ${maxInflatedBytes}.`, {
            cause,
          });
        }
        throw new CorpusFormatError(`${label}: corrupt compressed element.`, { cause });
      }
      el = readElement(inflated, 0, label);
    }
    if (el.type !== MI_MATRIX) continue;
    const { name, value } = readMatrix(el.data, label);
    out.set(name, value);
  }
  return out;
}

/** Options of {@link matCellToPitchLists}: limits, and a name for errors. */
export interface MatCellOptions extends Pick<CorpusLimits, 'maxSequenceSteps' | 'maxTotalSteps'> {
  /** Names the variable in errors (default `'MAT cell'`). */
  readonly label?: string;
}

/**
 * Converts a MAT cell array of T x W binary rolls into the corpora's "pitches per step" form
 * (column c = MIDI pitch `low + c`). A roll with no columns, or longer than
 * `maxSequenceSteps`, or a cell whose rolls exceed `maxTotalSteps`, throws {@link CorpusFormatError}.
 */
export function matCellToPitchLists(cell: MatValue, low = 21, options: MatCellOptions = {}): number[][][] {
  const label = options.label ?? 'MAT cell';
  const { maxSequenceSteps, maxTotalSteps } = resolveCorpusLimits(options);
  if (cell.kind !== 'cell') throw new CorpusFormatError(`${label}: expected a cell array of piano rolls.`);
  let total = 0;
  return cell.cells.map((roll, i) => {
    if (roll.kind !== 'numeric' || roll.dims.length !== 2) throw new CorpusFormatError(`${label}: cell ${i} is not a T x 88 roll.`);
    const [rows, cols] = roll.dims as [number, number];
    if (!(cols >= 1 && cols <= 128)) throw new CorpusFormatError(`${label}: cell ${i} has ${cols} columns (expected 1..128 keys).`);
    if (rows > maxSequenceSteps) throw new CorpusFormatError(`${label}: cell ${i} has ${rows} steps, more than maxSequenceSteps = ${maxSequenceSteps}.`);
    total += rows;
    if (total > maxTotalSteps) throw new CorpusFormatError(`${label}: more than maxTotalSteps = ${maxTotalSteps} steps (reached at cell ${i}).`);
    const steps: number[][] = Array.from({ length: rows }, () => []);
    for (let c = 0; c < cols; c++) {
      for (let t = 0; t < rows; t++) if (roll.values[c * rows + t]! !== 0) steps[t]!.push(low + c);
    }
    return steps;
  });
}
