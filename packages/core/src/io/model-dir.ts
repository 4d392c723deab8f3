import { createHash } from 'node:crypto';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValue } from '../estimator/contract';
import { writeFileAtomic } from './atomic';
import {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  decodeWeights,
  parseModelDocument,
  stripFormatFields,
  type ModelDirContents,
  type TensorData,
  type WeightEntry,
  type WeightsManifest,
} from './model-artifacts';
import { ModelFileError } from './model-file-error';

export type { ModelDirContents, TensorData, WeightEntry, WeightsManifest } from './model-artifacts';

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
  const { doc, manifest } = parseModelDocument(text, jsonPath);
  const weightsPath = join(dir, manifest.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(weightsPath);
  } catch (error) {
    throw new ModelFileError('MISSING_WEIGHTS', weightsPath, 'The weights file named in model.json is missing', { cause: error });
  }
  const tensors = decodeWeights(manifest, bytes, weightsPath);
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.sha256) {
    throw new ModelFileError('TRUNCATED_WEIGHTS', weightsPath, 'Weights file checksum does not match model.json (corrupt or partially written)');
  }
  return { json: stripFormatFields(doc), tensors };
}
