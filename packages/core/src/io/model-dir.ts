import { createHash, randomBytes } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValue } from '../estimator/contract';
import { writeFileAtomic } from './atomic';
import { decodeWeights, parseModelDocument, stripFormatFields, verifyModelDocument, type ModelDirContents, type TensorData } from './model-artifacts';
import { encodeModelArtifacts } from './encode-artifacts';
import { SAVE_LOCK_FILE, acquireRunLock, type RunLock } from './folder-lock';
import { ModelFileError } from './model-file-error';
import { removeStale, removeStaleTempFiles } from './stale-files';
import { manifestBytes } from './weights-manifest';

export type { ModelDirContents, TensorData } from './model-artifacts';
export type { WeightEntry, WeightsManifest } from './weights-manifest';

/** Weights files this library writes: `weights-<sha256 prefix>[-<version>].bin`. */
const WEIGHTS_FILE = /^weights-[0-9a-f]{16}(-[0-9a-z]+)?\.bin$/;
/** How long a save waits for another save into the same folder to finish. */
const SAVE_LOCK_WAIT_MS = 120_000;
/** How often {@link readModelDir} re-reads a folder that a concurrent save changed under it. */
const READ_ATTEMPTS = 8;

/** The weights file the model.json in `dir` names now, if it can be read. */
async function currentWeightsFile(dir: string): Promise<string | undefined> {
  try {
    const doc = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { weights?: { file?: unknown } };
    return typeof doc.weights?.file === 'string' ? doc.weights.file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes `<dir>/model.json` and a weights file next to it, atomically as a whole folder: the
 * weights go to a new versioned `weights-<sha>-<version>.bin` (atomic write), then model.json is
 * atomically replaced to point at it; only then is the weights file the previous model.json
 * named removed. Saves into one folder take turns through a short-lived lock (`.save.lock`, held
 * for the save only; a dead holder's lock is taken over), so concurrent saves leave one complete
 * model and no orphaned files, and a reader sees either the old or the new model. Temporary and
 * orphaned weights files older than 10 minutes (left by killed processes) are removed; other
 * files in `dir` are left alone.
 *
 * @example
 * ```ts
 * await writeModelDir('models/m', { model: { hidden: 8 } }, { 'estimator/W': { shape: [2, 3], data: new Float32Array(6) } });
 * ```
 */
export async function writeModelDir(dir: string, json: Record<string, JsonValue>, tensors: Record<string, TensorData>): Promise<void> {
  // a new versioned weights file per save: the one the current model.json names is never overwritten
  const version = `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const {
    modelJson,
    weights: bytes,
    weightsFile: file,
  } = await encodeModelArtifacts(json, tensors, {
    where: dir,
    weightsFileName: (sha256) => `weights-${sha256.slice(0, 16)}-${version}.bin`,
  });
  // saves into one folder take turns (a short-lived lock, waited for), so that each one removes
  // exactly the weights it replaced and concurrent saves leave no orphaned weights files
  let lock: RunLock;
  try {
    lock = await acquireRunLock(dir, { file: SAVE_LOCK_FILE, waitMs: SAVE_LOCK_WAIT_MS });
  } catch (error) {
    throw new ModelFileError('WRITE_FAILED', dir, `Could not write the model: ${(error as Error).message}`, { cause: error });
  }
  try {
    const previous = await currentWeightsFile(dir);
    try {
      await writeFileAtomic(join(dir, file), bytes);
      await writeFileAtomic(join(dir, 'model.json'), modelJson);
    } catch (error) {
      await rm(join(dir, file), { force: true }).catch(() => undefined);
      throw new ModelFileError('WRITE_FAILED', dir, `Could not write the model: ${(error as Error).message}`, { cause: error });
    }
    // the new model.json is in place: the weights it replaced are no longer named by anyone
    if (previous !== undefined && previous !== file && WEIGHTS_FILE.test(previous)) await rm(join(dir, previous), { force: true });
    await removeStaleTempFiles(dir);
    await removeStale(dir, (name) => WEIGHTS_FILE.test(name) && name !== file);
  } finally {
    await lock.release();
  }
}

/**
 * Reads and validates a model directory written by {@link writeModelDir}: the manifest is
 * checked against itself and against the real size of the weights file before anything is
 * decoded, then the document checksum (format 2), the weights' SHA-256 and every value's
 * finiteness. When a concurrent save replaces the model while it is being read, the read starts
 * over on the new model.json (a reader sees the old model or the new one, never a mix).
 * @throws ModelFileError with `reason` NOT_FOUND, MALFORMED_JSON, UNSUPPORTED_VERSION, UNSAFE_PATH,
 * CHECKSUM_MISMATCH, MISSING_WEIGHTS, TRUNCATED_WEIGHTS, SHAPE_MISMATCH or NON_FINITE_WEIGHTS.
 */
export async function readModelDir(dir: string): Promise<ModelDirContents> {
  const jsonPath = join(dir, 'model.json');
  for (let attempt = 1; ; attempt++) {
    const text = await readModelJson(dir, jsonPath);
    try {
      return await readWithJson(dir, jsonPath, text);
    } catch (error) {
      const retry =
        error instanceof ModelFileError &&
        (error.reason === 'MISSING_WEIGHTS' || error.reason === 'TRUNCATED_WEIGHTS') &&
        attempt < READ_ATTEMPTS &&
        (await readFile(jsonPath, 'utf8').catch(() => text)) !== text;
      if (!retry) throw error;
    }
  }
}

async function readModelJson(dir: string, jsonPath: string): Promise<string> {
  try {
    return await readFile(jsonPath, 'utf8');
  } catch (error) {
    const isDir = await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    throw new ModelFileError('NOT_FOUND', isDir ? jsonPath : dir, isDir ? 'No model.json in the model directory' : 'Model directory does not exist', {
      cause: error,
    });
  }
}

async function readWithJson(dir: string, jsonPath: string, text: string): Promise<ModelDirContents> {
  const { doc, manifest } = parseModelDocument(text, jsonPath);
  await verifyModelDocument(doc, jsonPath);
  const weightsPath = join(dir, manifest.file);
  const info = await stat(weightsPath).catch(() => null);
  if (!info?.isFile()) throw new ModelFileError('MISSING_WEIGHTS', weightsPath, 'The weights file named in model.json is missing');
  const needed = manifestBytes(manifest);
  if (info.size !== needed) {
    const reason = info.size < needed ? 'TRUNCATED_WEIGHTS' : 'SHAPE_MISMATCH';
    throw new ModelFileError(reason, weightsPath, `Weights file has ${info.size} bytes, model.json describes ${needed}`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(weightsPath);
  } catch (error) {
    throw new ModelFileError('MISSING_WEIGHTS', weightsPath, 'The weights file named in model.json is missing', { cause: error });
  }
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.sha256) {
    throw new ModelFileError('TRUNCATED_WEIGHTS', weightsPath, 'Weights file checksum does not match model.json (corrupt or partially written)');
  }
  return { json: stripFormatFields(doc), tensors: decodeWeights(manifest, bytes, weightsPath) };
}
