import type { JsonValue } from '../estimator/contract';
import { ModelFileError } from './model-file-error';

// Browser-safe half of the model-file format: parsing and validating model.json and decoding the
// weights bytes. No Node built-ins here (model-dir.ts adds the file system; load-model-url.ts fetch).

/** Current model-file format version written by this library. */
export const MODEL_FORMAT_VERSION = 1;
/** The `format` tag of every model.json. */
export const MODEL_FORMAT = 'rnn-nade-model';

/** A float32 tensor as plain data: its shape and row-major values. */
export interface TensorData {
  /** Dimensions, outermost first. */
  readonly shape: number[];
  /** Row-major values; length = product of `shape`. */
  readonly data: Float32Array;
}

/** One entry of the weights manifest in model.json. */
export interface WeightEntry {
  /** Stable name, e.g. `encoder/lstm0/kernel` or `estimator/W`. */
  readonly name: string;
  /** Dimensions of the tensor, outermost first. */
  readonly shape: number[];
  /** Always `'float32'` in format version 1. */
  readonly dtype: 'float32';
  /** Offset of the first byte in the weights file. */
  readonly byteOffset: number;
  /** Number of bytes (4 × number of values). */
  readonly byteLength: number;
}

/** The weights manifest: which file, how it is laid out, and where each tensor is. */
export interface WeightsManifest {
  /** Weights file name, relative to model.json (e.g. `weights-0123456789abcdef.bin`). */
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

/** A model directory's contents: its JSON (minus the manifest) and its tensors by name. */
export interface ModelDirContents {
  /** model.json without `format`, `formatVersion` and `weights`. */
  readonly json: Record<string, JsonValue>;
  /** Every weight tensor by name. */
  readonly tensors: Record<string, TensorData>;
}

/** model.json parsed and validated: the document and its weights manifest. */
export interface ParsedModelDocument {
  /** The whole model.json object. */
  readonly doc: Record<string, JsonValue>;
  /** Its validated weights manifest. */
  readonly manifest: WeightsManifest;
}

/**
 * Parses and validates the text of a model.json (format tag, version, weights manifest).
 * `where` names the file in error messages (a path or URL).
 * @throws ModelFileError MALFORMED_JSON, UNSUPPORTED_VERSION or SHAPE_MISMATCH.
 */
export function parseModelDocument(text: string, where: string): ParsedModelDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError('MALFORMED_JSON', where, `model.json is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ModelFileError('MALFORMED_JSON', where, 'model.json must contain a JSON object');
  }
  const obj = doc as Record<string, JsonValue>;
  if (obj.format !== MODEL_FORMAT) {
    throw new ModelFileError('MALFORMED_JSON', where, `Not an rnn-nade model (format is ${JSON.stringify(obj.format)})`);
  }
  if (obj.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(
      'UNSUPPORTED_VERSION',
      where,
      `Model format version ${JSON.stringify(obj.formatVersion)} is not supported (this library reads version ${MODEL_FORMAT_VERSION}); upgrade @rnn-nade/core`,
    );
  }
  return { doc: obj, manifest: validateManifest(obj.weights, where) };
}

/**
 * Decodes the weights file's bytes into tensors as the manifest describes (the checksum is
 * checked by the caller). `where` names the weights file in error messages.
 * @throws ModelFileError TRUNCATED_WEIGHTS when the bytes are shorter than the manifest needs.
 */
export function decodeWeights(manifest: WeightsManifest, bytes: Uint8Array, where: string): Record<string, TensorData> {
  const needed = manifest.entries.reduce((m, e) => Math.max(m, e.byteOffset + e.byteLength), 0);
  if (bytes.length < needed) {
    throw new ModelFileError('TRUNCATED_WEIGHTS', where, `Weights file has ${bytes.length} bytes, model.json needs ${needed}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tensors: Record<string, TensorData> = {};
  for (const e of manifest.entries) {
    const data = new Float32Array(e.byteLength / 4);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(e.byteOffset + 4 * i, true);
    tensors[e.name] = { shape: [...e.shape], data };
  }
  return tensors;
}

/** model.json without the fields the io layer owns (`format`, `formatVersion`, `weights`). */
export function stripFormatFields(doc: Record<string, JsonValue>): Record<string, JsonValue> {
  const { format: _f, formatVersion: _v, weights: _w, ...json } = doc;
  return json;
}

/**
 * Hex SHA-256 of `bytes` with the Web Crypto API (`globalThis.crypto.subtle`: browsers in a
 * secure context — https or localhost — and Node ≥ 19), or `undefined` where it is unavailable.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string | undefined> {
  const subtle = (globalThis as { crypto?: { subtle?: { digest(a: string, d: Uint8Array): Promise<ArrayBuffer> } } }).crypto?.subtle;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Decodes a model from its two files' contents — the text of model.json and the bytes of the
 * weights file it names — without any file system: what a browser fetches, or what an
 * application bundles. Validates the format, the manifest, the length and (where Web Crypto is
 * available) the SHA-256 of the weights.
 * @throws ModelFileError MALFORMED_JSON, UNSUPPORTED_VERSION, TRUNCATED_WEIGHTS or SHAPE_MISMATCH.
 *
 * @example
 * ```ts
 * const contents = await decodeModelArtifacts(jsonText, new Uint8Array(weightsBuffer));
 * const { model } = SequenceModel.fromContents(contents);
 * ```
 */
export async function decodeModelArtifacts(
  modelJson: string,
  weights: Uint8Array | ArrayBuffer,
  options: { source?: string } = {},
): Promise<ModelDirContents> {
  const source = options.source ?? 'model.json';
  const { doc, manifest } = parseModelDocument(modelJson, source);
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  const tensors = decodeWeights(manifest, bytes, manifest.file);
  const sha = await sha256Hex(bytes);
  if (sha !== undefined && sha !== manifest.sha256) {
    throw new ModelFileError('TRUNCATED_WEIGHTS', manifest.file, 'Weights file checksum does not match model.json (corrupt or partially written)');
  }
  return { json: stripFormatFields(doc), tensors };
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
