import type { JsonValue } from '../estimator/contract';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, sha256Hex, type TensorData, type WeightEntry, type WeightsManifest } from './model-artifacts';
import { ModelFileError } from './model-file-error';

/** A model's two files as in-memory values: what a model folder, IndexedDB or a download holds. */
export interface ModelArtifacts {
  /** The text of `model.json` (format tag, version, config, metadata and the weights manifest). */
  readonly modelJson: string;
  /** The bytes of the weights file that `model.json` names. */
  readonly weights: Uint8Array;
  /** The weights file's name as `model.json` names it (`weights-<sha256 prefix>.bin`). */
  readonly weightsFile: string;
}

/**
 * Encodes a model document and its tensors as the two model-file artifacts (float32
 * little-endian, row-major, SHA-256 in the manifest) without any file system: the inverse of
 * `decodeModelArtifacts`. Needs Web Crypto (`crypto.subtle`: Node ≥ 19, browsers and workers in
 * a secure context).
 * @throws ModelFileError SHAPE_MISMATCH when a tensor's values do not fill its shape;
 * WRITE_FAILED when Web Crypto is unavailable.
 *
 * @example
 * ```ts
 * const { modelJson, weights } = await encodeModelArtifacts({ model: { hidden: 8 } }, { 'estimator/W': { shape: [2, 3], data: new Float32Array(6) } });
 * const contents = await decodeModelArtifacts(modelJson, weights);
 * ```
 */
export async function encodeModelArtifacts(
  json: Record<string, JsonValue>,
  tensors: Record<string, TensorData>,
  options: { where?: string } = {},
): Promise<ModelArtifacts> {
  const where = options.where ?? 'model';
  const entries: WeightEntry[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.data.length) {
      throw new ModelFileError('SHAPE_MISMATCH', where, `Tensor "${name}" has shape [${t.shape}] but ${t.data.length} values`);
    }
    entries.push({ name, shape: [...t.shape], dtype: 'float32', byteOffset: offset, byteLength: size * 4 });
    offset += size * 4;
  }
  const weights = new Uint8Array(offset);
  const view = new DataView(weights.buffer);
  for (const e of entries) {
    const data = tensors[e.name]!.data;
    for (let i = 0; i < data.length; i++) view.setFloat32(e.byteOffset + 4 * i, data[i]!, true);
  }
  const sha256 = await sha256Hex(weights);
  if (sha256 === undefined) {
    throw new ModelFileError('WRITE_FAILED', where, 'Web Crypto (crypto.subtle) is unavailable here, so the weights checksum cannot be computed (use a secure context: https or localhost)');
  }
  const weightsFile = `weights-${sha256.slice(0, 16)}.bin`;
  const manifest: WeightsManifest = { file: weightsFile, dtype: 'float32', byteOrder: 'little-endian', layout: 'row-major', sha256, entries };
  const doc = { format: MODEL_FORMAT, formatVersion: MODEL_FORMAT_VERSION, ...json, weights: manifest };
  return { modelJson: `${JSON.stringify(doc, null, 2)}\n`, weights, weightsFile };
}
