import type { JsonValue } from '../estimator/contract';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type TensorData } from './model-artifacts';
import { sealModelDocument, sha256Hex } from './model-checksum';
import { ModelFileError } from './model-file-error';
import type { WeightEntry, WeightsManifest } from './weights-manifest';

/** A model's two files as in-memory values: what a model folder, IndexedDB or a download holds. */
export interface ModelArtifacts {
  /** The text of `model.json` (format tag, version, config, metadata, the weights manifest and the document checksum). */
  readonly modelJson: string;
  /** The bytes of the weights file that `model.json` names. */
  readonly weights: Uint8Array;
  /** The weights file's name as `model.json` names it. */
  readonly weightsFile: string;
}

/** Options of {@link encodeModelArtifacts}. */
export interface EncodeArtifactsOptions {
  /** Names the model in error messages (default `'model'`). */
  readonly where?: string;
  /** The weights file name from the weights' hex SHA-256 (default `weights-<first 16 hex digits>.bin`). */
  readonly weightsFileName?: (sha256: string) => string;
}

/** Serialises tensors as the weights file's bytes (float32 little-endian, row-major) and its manifest entries. */
function packTensors(where: string, tensors: Record<string, TensorData>): { bytes: Uint8Array; entries: WeightEntry[] } {
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
  const bytes = new Uint8Array(offset);
  const view = new DataView(bytes.buffer);
  for (const e of entries) {
    const data = tensors[e.name]!.data;
    for (let i = 0; i < data.length; i++) view.setFloat32(e.byteOffset + 4 * i, data[i]!, true);
  }
  return { bytes, entries };
}

/**
 * Encodes a model document and its tensors as the two model-file artifacts — the weights bytes
 * and a sealed `model.json` (manifest with the weights' SHA-256, document checksum) — without any
 * file system: what `writeModelDir` writes, and the inverse of `decodeModelArtifacts`. Needs Web
 * Crypto (`crypto.subtle`: Node ≥ 19, browsers and workers in a secure context).
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
  options: EncodeArtifactsOptions = {},
): Promise<ModelArtifacts> {
  const where = options.where ?? 'model';
  const { bytes, entries } = packTensors(where, tensors);
  const sha256 = await sha256Hex(bytes);
  if (sha256 === undefined) {
    throw new ModelFileError(
      'WRITE_FAILED',
      where,
      'Web Crypto (crypto.subtle) is unavailable here, so the weights checksum cannot be computed (use a secure context: https or localhost)',
    );
  }
  const weightsFile = options.weightsFileName?.(sha256) ?? `weights-${sha256.slice(0, 16)}.bin`;
  const manifest: WeightsManifest = { file: weightsFile, dtype: 'float32', byteOrder: 'little-endian', layout: 'row-major', sha256, entries };
  const { checksum: _old, ...rest } = json;
  const doc = await sealModelDocument({ format: MODEL_FORMAT, formatVersion: MODEL_FORMAT_VERSION, ...rest, weights: manifest as unknown as JsonValue });
  return { modelJson: `${JSON.stringify(doc, null, 2)}\n`, weights: bytes, weightsFile };
}
