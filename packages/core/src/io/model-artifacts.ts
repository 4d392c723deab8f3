import type { JsonValue } from '../estimator/contract';
import { sha256Hex, verifyDocumentChecksum } from './model-checksum';
import { ModelFileError } from './model-file-error';
import { manifestBytes, validateManifest, type WeightsManifest } from './weights-manifest';

export type { WeightEntry, WeightsManifest } from './weights-manifest';

// Browser-safe half of the model-file format: parsing and validating model.json and decoding the
// weights bytes. No Node built-ins here (model-dir.ts adds the file system; load-model-url.ts fetch).

/** Current model-file format version written by this library (2: the `checksum` field seals model.json). */
export const MODEL_FORMAT_VERSION = 2;
/** Format versions this library reads (1: written before the document checksum; read-only). */
export const READABLE_MODEL_FORMAT_VERSIONS: readonly number[] = [1, 2];
/** The `format` tag of every model.json. */
export const MODEL_FORMAT = 'rnn-nade-model';

/** A float32 tensor as plain data: its shape and row-major values. */
export interface TensorData {
  /** Dimensions, outermost first. */
  readonly shape: number[];
  /** Row-major values; length = product of `shape`. */
  readonly data: Float32Array;
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
  if (typeof obj.formatVersion !== 'number' || !READABLE_MODEL_FORMAT_VERSIONS.includes(obj.formatVersion)) {
    throw new ModelFileError(
      'UNSUPPORTED_VERSION',
      where,
      `Model format version ${JSON.stringify(obj.formatVersion)} is not supported (this library reads versions ${READABLE_MODEL_FORMAT_VERSIONS.join(', ')}); upgrade @rnn-nade/core`,
    );
  }
  return { doc: obj, manifest: validateManifest(obj.weights, where) };
}

/**
 * Decodes the weights file's bytes into tensors as the manifest describes (the checksum is
 * checked by the caller). The byte count must be exactly what the manifest needs, and every
 * value must be finite. `where` names the weights file in error messages.
 * @throws ModelFileError TRUNCATED_WEIGHTS (too few bytes), SHAPE_MISMATCH (bytes left over),
 * NON_FINITE_WEIGHTS (a NaN or infinite value, naming the tensor).
 */
export function decodeWeights(manifest: WeightsManifest, bytes: Uint8Array, where: string): Record<string, TensorData> {
  const needed = manifestBytes(manifest);
  if (bytes.length < needed) {
    throw new ModelFileError('TRUNCATED_WEIGHTS', where, `Weights file has ${bytes.length} bytes, model.json needs ${needed}`);
  }
  if (bytes.length > needed) {
    throw new ModelFileError('SHAPE_MISMATCH', where, `Weights file has ${bytes.length} bytes, model.json describes only ${needed}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tensors: Record<string, TensorData> = {};
  for (const e of manifest.entries) {
    const data = new Float32Array(e.byteLength / 4);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(e.byteOffset + 4 * i, true);
    const bad = firstNonFinite(data);
    if (bad >= 0) {
      throw new ModelFileError(
        'NON_FINITE_WEIGHTS',
        where,
        `Weight "${e.name}" holds ${data[bad]} at index ${bad} (shape [${e.shape}]); a model with NaN or infinite weights cannot be used`,
      );
    }
    tensors[e.name] = { shape: [...e.shape], data };
  }
  return tensors;
}

/** Index of the first NaN or infinite value of `data`, or -1. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) return i;
  return -1;
}

/**
 * Checks a parsed model.json's seal: the document checksum for format 2 (format 1 files,
 * written before it existed, are read as they are). Call before reading the weights.
 * @throws ModelFileError CHECKSUM_MISMATCH or MALFORMED_JSON.
 */
export async function verifyModelDocument(doc: Record<string, JsonValue>, where: string): Promise<void> {
  if (doc.formatVersion !== 1) await verifyDocumentChecksum(doc, where);
}

/** model.json without the fields the io layer owns (`format`, `formatVersion`, `weights`, `checksum`). */
export function stripFormatFields(doc: Record<string, JsonValue>): Record<string, JsonValue> {
  const { format: _f, formatVersion: _v, weights: _w, checksum: _c, ...json } = doc;
  return json;
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
export async function decodeModelArtifacts(modelJson: string, weights: Uint8Array | ArrayBuffer, options: { source?: string } = {}): Promise<ModelDirContents> {
  const source = options.source ?? 'model.json';
  const { doc, manifest } = parseModelDocument(modelJson, source);
  await verifyModelDocument(doc, source);
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  const sha = await sha256Hex(bytes);
  if (sha !== undefined && sha !== manifest.sha256) {
    throw new ModelFileError('TRUNCATED_WEIGHTS', manifest.file, 'Weights file checksum does not match model.json (corrupt or partially written)');
  }
  const tensors = decodeWeights(manifest, bytes, manifest.file);
  return { json: stripFormatFields(doc), tensors };
}

/**
 * Checks that `tensors` holds exactly the expected names with the expected shapes.
 * @throws ModelFileError SHAPE_MISMATCH (or MISSING_WEIGHTS for absent names).
 */
export function expectTensorShapes(dir: string, tensors: Record<string, TensorData>, expected: Record<string, readonly number[]>): void {
  for (const [name, shape] of Object.entries(expected)) {
    const t = tensors[name];
    if (!t) throw new ModelFileError('MISSING_WEIGHTS', dir, `Weight "${name}" is missing from the model file`);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new ModelFileError('SHAPE_MISMATCH', dir, `Weight "${name}" has shape [${t.shape}], the model expects [${shape}]`);
    }
  }
}
