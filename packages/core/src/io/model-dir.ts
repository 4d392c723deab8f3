import { createHash } from 'node:crypto';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValue } from '../estimator/contract';
import { writeFileAtomic } from './atomic';
import { ModelFileError } from './model-file-error';

/** Current model-file format version written by this library. */
export const MODEL_FORMAT_VERSION = 1;
/** The `format` tag of every model.json. */
export const MODEL_FORMAT = 'rnn-nade-model';

/** A float32 tensor as plain data: its shape and row-major values. */
export interface TensorData {
  readonly shape: number[];
  readonly data: Float32Array;
}

/** One entry of the weights manifest in model.json. */
export interface WeightEntry {
  /** Stable name, e.g. `encoder/lstm0/kernel` or `estimator/W`. */
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32';
  /** Offset of the first byte in the weights file. */
  readonly byteOffset: number;
  readonly byteLength: number;
}

/** The weights manifest: which file, how it is laid out, and where each tensor is. */
export interface WeightsManifest {
  readonly file: string;
  readonly dtype: 'float32';
  readonly byteOrder: 'little-endian';
  readonly layout: 'row-major';
  readonly sha256: string;
  readonly entries: WeightEntry[];
}

/** A model directory's contents: its JSON (minus the manifest) and its tensors by name. */
export interface ModelDirContents {
  readonly json: Record<string, JsonValue>;
  readonly tensors: Record<string, TensorData>;
}

/**
 * Writes `<dir>/model.json` and a weights file next to it, crash-safely: the weights go to a
 * content-addressed `weights-<sha>.bin` (atomic write), then model.json is atomically replaced
 * to point at it, then stale weights files are removed. At every instant the directory holds a
 * complete, consistent model (the old or the new one); other files in `dir` are left alone.
 *
 * @example
 * ```ts
 * await writeModelDir('models/m', { model: { hidden: 8 } }, { 'estimator/W': { shape: [2, 3], data: new Float32Array(6) } });
 * ```
 */
export async function writeModelDir(
  dir: string,
  json: Record<string, JsonValue>,
  tensors: Record<string, TensorData>,
): Promise<void> {
  const entries: WeightEntry[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.data.length) {
      throw new ModelFileError('SHAPE_MISMATCH', dir, `Tensor "${name}" has shape [${t.shape}] but ${t.data.length} values`);
    }
    entries.push({ name, shape: [...t.shape], dtype: 'float32', byteOffset: offset, byteLength: size * 4 });
    offset += size * 4;
  }
  const bytes = new Uint8Array(offset);
  const view = new DataView(bytes.buffer);
  for (const e of entries) {
    const data = tensors[e.name]!.data;
    for (let i = 0; i < data.length; i++) view.setFloat32(e.byteOffset + 4 * i, data[i]!, true);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = `weights-${sha256.slice(0, 16)}.bin`;
  const manifest: WeightsManifest = {
    file,
    dtype: 'float32',
    byteOrder: 'little-endian',
    layout: 'row-major',
    sha256,
    entries,
  };
  const doc = { format: MODEL_FORMAT, formatVersion: MODEL_FORMAT_VERSION, ...json, weights: manifest };
  try {
    await writeFileAtomic(join(dir, file), bytes);
    await writeFileAtomic(join(dir, 'model.json'), `${JSON.stringify(doc, null, 2)}\n`);
  } catch (error) {
    throw new ModelFileError('WRITE_FAILED', dir, `Could not write the model: ${(error as Error).message}`, { cause: error });
  }
  for (const name of await readdir(dir)) {
    if (/^weights-[0-9a-f]{16}\.bin$/.test(name) && name !== file) await rm(join(dir, name), { force: true });
  }
}

/**
 * Reads and validates a model directory written by {@link writeModelDir}.
 * @throws ModelFileError with `reason` NOT_FOUND, MALFORMED_JSON, UNSUPPORTED_VERSION,
 * MISSING_WEIGHTS, TRUNCATED_WEIGHTS or SHAPE_MISMATCH.
 */
export async function readModelDir(dir: string): Promise<ModelDirContents> {
  const jsonPath = join(dir, 'model.json');
  let text: string;
  try {
    text = await readFile(jsonPath, 'utf8');
  } catch (error) {
    const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
    throw new ModelFileError(
      'NOT_FOUND',
      isDir ? jsonPath : dir,
      isDir ? 'No model.json in the model directory' : 'Model directory does not exist',
      { cause: error },
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError('MALFORMED_JSON', jsonPath, `model.json is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ModelFileError('MALFORMED_JSON', jsonPath, 'model.json must contain a JSON object');
  }
  const obj = doc as Record<string, JsonValue>;
  if (obj.format !== MODEL_FORMAT) {
    throw new ModelFileError('MALFORMED_JSON', jsonPath, `Not an rnn-nade model (format is ${JSON.stringify(obj.format)})`);
  }
  if (obj.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(
      'UNSUPPORTED_VERSION',
      jsonPath,
      `Model format version ${JSON.stringify(obj.formatVersion)} is not supported (this library reads version ${MODEL_FORMAT_VERSION}); upgrade @rnn-nade/core`,
    );
  }
  const manifest = validateManifest(obj.weights, jsonPath);
  const weightsPath = join(dir, manifest.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(weightsPath);
  } catch (error) {
    throw new ModelFileError('MISSING_WEIGHTS', weightsPath, 'The weights file named in model.json is missing', { cause: error });
  }
  const needed = manifest.entries.reduce((m, e) => Math.max(m, e.byteOffset + e.byteLength), 0);
  if (bytes.length < needed) {
    throw new ModelFileError('TRUNCATED_WEIGHTS', weightsPath, `Weights file has ${bytes.length} bytes, model.json needs ${needed}`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.sha256) {
    throw new ModelFileError('TRUNCATED_WEIGHTS', weightsPath, 'Weights file checksum does not match model.json (corrupt or partially written)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tensors: Record<string, TensorData> = {};
  for (const e of manifest.entries) {
    const data = new Float32Array(e.byteLength / 4);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(e.byteOffset + 4 * i, true);
    tensors[e.name] = { shape: [...e.shape], data };
  }
  const { format: _f, formatVersion: _v, weights: _w, ...json } = obj;
  return { json, tensors };
}

function validateManifest(value: JsonValue | undefined, jsonPath: string): WeightsManifest {
  const bad = (why: string): never => {
    throw new ModelFileError('MALFORMED_JSON', jsonPath, `Invalid weights manifest: ${why}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('missing "weights" object');
  const m = value as Record<string, JsonValue>;
  if (typeof m.file !== 'string' || m.file.includes('/') || m.file.includes('\\')) bad('"file" must be a file name');
  if (m.dtype !== 'float32' || m.byteOrder !== 'little-endian' || m.layout !== 'row-major') bad('only float32 little-endian row-major is supported');
  if (typeof m.sha256 !== 'string') bad('"sha256" missing');
  if (!Array.isArray(m.entries)) return bad('"entries" must be an array');
  const seen = new Set<string>();
  for (const raw of m.entries) {
    const e = raw as Record<string, JsonValue>;
    if (typeof e?.name !== 'string' || seen.has(e.name)) bad(`entry name missing or duplicated: ${JSON.stringify(e?.name)}`);
    seen.add(e.name as string);
    const shape = e.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) bad(`entry "${e.name}" has an invalid shape`);
    const size = (shape as number[]).reduce((a, b) => a * b, 1);
    if (e.dtype !== 'float32') bad(`entry "${e.name}" dtype must be float32`);
    if (!Number.isInteger(e.byteOffset) || (e.byteOffset as number) < 0 || (e.byteOffset as number) % 4 !== 0) bad(`entry "${e.name}" has an invalid byteOffset`);
    if (e.byteLength !== size * 4) {
      throw new ModelFileError('SHAPE_MISMATCH', jsonPath, `Entry "${e.name}" has shape [${shape}] but byteLength ${e.byteLength}`);
    }
  }
  return m as unknown as WeightsManifest;
}

/**
 * Checks that `tensors` holds exactly the expected names with the expected shapes.
 * @throws ModelFileError SHAPE_MISMATCH (or MISSING_WEIGHTS for absent names).
 */
export function expectTensorShapes(
  dir: string,
  tensors: Record<string, TensorData>,
  expected: Record<string, readonly number[]>,
): void {
  for (const [name, shape] of Object.entries(expected)) {
    const t = tensors[name];
    if (!t) throw new ModelFileError('MISSING_WEIGHTS', dir, `Weight "${name}" is missing from the model file`);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new ModelFileError('SHAPE_MISMATCH', dir, `Weight "${name}" has shape [${t.shape}], the model expects [${shape}]`);
    }
  }
}
