import type { JsonValue } from '../estimator/contract';
import { ModelFileError } from './model-file-error';

// Browser-safe validation of the weights manifest of a model.json: every declared size is
// checked against the others (and later against the real byte count) before anything is allocated.

/** One entry of the weights manifest in model.json. */
export interface WeightEntry {
  /** Stable name, e.g. `encoder/lstm0/kernel` or `estimator/W`. */
  readonly name: string;
  /** Dimensions of the tensor, outermost first. */
  readonly shape: number[];
  /** Always `'float32'`. */
  readonly dtype: 'float32';
  /** Offset of the first byte in the weights file. */
  readonly byteOffset: number;
  /** Number of bytes (4 × number of values). */
  readonly byteLength: number;
}

/** The weights manifest: which file, how it is laid out, and where each tensor is. */
export interface WeightsManifest {
  /** Weights file name, relative to model.json (e.g. `weights-0123456789abcdef-k2j4.bin`). */
  readonly file: string;
  /** Element type of every tensor. */
  readonly dtype: 'float32';
  /** Byte order of every value. */
  readonly byteOrder: 'little-endian';
  /** Element order of every tensor. */
  readonly layout: 'row-major';
  /** Hex SHA-256 of the whole weights file. */
  readonly sha256: string;
  /** Where each tensor is. */
  readonly entries: WeightEntry[];
}

/**
 * Largest weights file a model may declare: 2 GiB (a JavaScript typed array cannot hold more,
 * and no model of this library comes near it).
 */
export const MAX_WEIGHTS_BYTES = 2 ** 31;

/**
 * A weights file name is a plain file name next to model.json: letters, digits, `.`, `_`, `-`,
 * not starting with a dot. No directory, no `..`, no URL scheme (`http:evil.example`), so that
 * it resolves to the same folder (or origin) as the model.json that names it.
 */
export const WEIGHTS_FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/**
 * Validates the `weights` section of a model.json without allocating anything: the file name is
 * a plain name, every shape is a list of non-negative integers whose product fits, byte lengths
 * match shapes, offsets are aligned, and the tensors neither overlap nor exceed
 * {@link MAX_WEIGHTS_BYTES}. `where` names the model.json in error messages.
 * @throws ModelFileError MALFORMED_JSON, UNSAFE_PATH or SHAPE_MISMATCH.
 */
export function validateManifest(value: JsonValue | undefined, where: string): WeightsManifest {
  const bad = (why: string): never => {
    throw new ModelFileError('MALFORMED_JSON', where, `Invalid weights manifest: ${why}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('missing "weights" object');
  const m = value as Record<string, JsonValue>;
  if (typeof m.file !== 'string') return bad('"file" must be a file name');
  if (!WEIGHTS_FILE_NAME.test(m.file) || m.file === '.' || m.file === '..') {
    throw new ModelFileError(
      'UNSAFE_PATH',
      where,
      `Weights file name ${JSON.stringify(m.file)} is not a plain file name next to model.json (no folder, "..", scheme or leading dot)`,
    );
  }
  if (m.dtype !== 'float32' || m.byteOrder !== 'little-endian' || m.layout !== 'row-major') bad('only float32 little-endian row-major is supported');
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) bad('"sha256" must be 64 lowercase hex digits');
  if (!Array.isArray(m.entries)) return bad('"entries" must be an array');
  const seen = new Set<string>();
  const spans: Array<[number, number, string]> = [];
  for (const raw of m.entries) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('every entry must be an object');
    const e = raw as Record<string, JsonValue>;
    if (typeof e.name !== 'string' || e.name === '' || seen.has(e.name)) bad(`entry name missing or duplicated: ${JSON.stringify(e.name)}`);
    const name = e.name as string;
    seen.add(name);
    const size = shapeSize(e.shape, name, where);
    if (e.dtype !== 'float32') bad(`entry "${name}" dtype must be float32`);
    const offset = e.byteOffset;
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0 || offset % 4 !== 0)
      bad(`entry "${name}" has an invalid byteOffset ${JSON.stringify(offset)}`);
    if (e.byteLength !== size * 4) {
      throw new ModelFileError(
        'SHAPE_MISMATCH',
        where,
        `Entry "${name}" has shape [${String(e.shape)}] but byteLength ${JSON.stringify(e.byteLength)} (expected ${size * 4})`,
      );
    }
    if ((offset as number) + size * 4 > MAX_WEIGHTS_BYTES) {
      throw new ModelFileError(
        'SHAPE_MISMATCH',
        where,
        `Entry "${name}" ends at byte ${(offset as number) + size * 4}, beyond the ${MAX_WEIGHTS_BYTES}-byte limit of a weights file`,
      );
    }
    if (size > 0) spans.push([offset as number, (offset as number) + size * 4, name]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]![0] < spans[i - 1]![1]) {
      throw new ModelFileError('SHAPE_MISMATCH', where, `Entries "${spans[i - 1]![2]}" and "${spans[i]![2]}" overlap in the weights file`);
    }
  }
  return m as unknown as WeightsManifest;
}

/** Number of bytes the manifest's tensors need (the end of the last one). */
export function manifestBytes(manifest: WeightsManifest): number {
  return manifest.entries.reduce((m, e) => Math.max(m, e.byteOffset + e.byteLength), 0);
}

function shapeSize(shape: JsonValue | undefined, name: string, where: string): number {
  if (!Array.isArray(shape) || shape.length > 8 || !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    throw new ModelFileError('MALFORMED_JSON', where, `Invalid weights manifest: entry "${name}" has an invalid shape ${JSON.stringify(shape)}`);
  }
  let size = 1;
  for (const d of shape as number[]) {
    size *= d;
    if (size * 4 > MAX_WEIGHTS_BYTES) {
      throw new ModelFileError(
        'SHAPE_MISMATCH',
        where,
        `Entry "${name}" declares shape [${String(shape)}], more than the ${MAX_WEIGHTS_BYTES}-byte limit of a weights file`,
      );
    }
  }
  return size;
}
