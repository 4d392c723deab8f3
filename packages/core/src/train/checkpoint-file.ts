import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { JsonValue } from '../estimator/contract';
import { writeFileAtomic } from '../io/atomic';
import type { TensorData } from '../io/model-artifacts';
import { CheckpointError } from './checkpoint-error';

export { CheckpointError } from './checkpoint-error';

const MAGIC = 'RNNCKPT1';

/** What a checkpoint file holds: a JSON document and named float32 tensors. */
export interface CheckpointContents {
  /** The JSON document. */
  readonly state: { [key: string]: JsonValue };
  /** The tensors by name. */
  readonly tensors: Record<string, TensorData>;
}

interface Entry {
  name: string;
  shape: number[];
  byteOffset: number;
  byteLength: number;
}

/**
 * Writes a checkpoint as **one** file, atomically (temp file + fsync + rename), so that a
 * `kill -9` at any instant leaves either the previous checkpoint or the new one.
 * Layout: `RNNCKPT1`, a uint32 (little-endian) header length, the UTF-8 JSON header
 * (`state`, tensor manifest, sha256 of the data), zero padding to 4 bytes, then the
 * tensors as float32 little-endian, row-major.
 *
 * @example
 * ```ts
 * await writeCheckpointFile('run/checkpoint.ckpt', { epoch: 3 }, { w: { shape: [2], data: new Float32Array([1, 2]) } });
 * ```
 */
export async function writeCheckpointFile(path: string, state: { [key: string]: JsonValue }, tensors: Record<string, TensorData>): Promise<void> {
  const entries: Entry[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.data.length) throw new CheckpointError(path, `Tensor "${name}" has shape [${t.shape}] but ${t.data.length} values`);
    entries.push({ name, shape: [...t.shape], byteOffset: offset, byteLength: size * 4 });
    offset += size * 4;
  }
  const data = new Uint8Array(offset);
  const view = new DataView(data.buffer);
  for (const e of entries) {
    const values = tensors[e.name]!.data;
    for (let i = 0; i < values.length; i++) view.setFloat32(e.byteOffset + 4 * i, values[i]!, true);
  }
  const sha256 = createHash('sha256').update(data).digest('hex');
  const header = new TextEncoder().encode(JSON.stringify({ state, tensors: entries, dataBytes: offset, sha256 }));
  const headerEnd = 12 + header.length;
  const dataStart = Math.ceil(headerEnd / 4) * 4;
  const bytes = new Uint8Array(dataStart + data.length);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, header.length, true);
  bytes.set(header, 12);
  bytes.set(data, dataStart);
  await writeFileAtomic(path, bytes);
}

/**
 * Reads a file written by {@link writeCheckpointFile}, verifying its length and checksum.
 * @returns `undefined` when the file does not exist.
 * @throws CheckpointError when it exists but is not a valid checkpoint.
 */
export async function readCheckpointFile(path: string): Promise<CheckpointContents | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CheckpointError(path, `Cannot read the checkpoint: ${(error as Error).message}`, { cause: error });
  }
  if (bytes.length < 12 || bytes.subarray(0, 8).toString('latin1') !== MAGIC) {
    throw new CheckpointError(path, 'Not an rnn-nade checkpoint file');
  }
  const headerLength = bytes.readUInt32LE(8);
  if (12 + headerLength > bytes.length) throw new CheckpointError(path, 'Checkpoint header is truncated');
  let header: { state: { [key: string]: JsonValue }; tensors: Entry[]; dataBytes: number; sha256: string };
  try {
    header = JSON.parse(bytes.subarray(12, 12 + headerLength).toString('utf8'));
  } catch (error) {
    throw new CheckpointError(path, `Checkpoint header is not valid JSON: ${(error as Error).message}`);
  }
  const dataStart = Math.ceil((12 + headerLength) / 4) * 4;
  const data = bytes.subarray(dataStart);
  if (data.length !== header.dataBytes) {
    throw new CheckpointError(path, `Checkpoint data has ${data.length} bytes, expected ${header.dataBytes} (truncated?)`);
  }
  if (createHash('sha256').update(data).digest('hex') !== header.sha256) {
    throw new CheckpointError(path, 'Checkpoint data does not match its checksum (corrupt file)');
  }
  const tensors: Record<string, TensorData> = {};
  for (const e of header.tensors) {
    if (e.byteOffset + e.byteLength > data.length || e.shape.reduce((a, b) => a * b, 1) * 4 !== e.byteLength) {
      throw new CheckpointError(path, `Checkpoint tensor "${e.name}" is out of bounds or has an inconsistent shape`);
    }
    const out = new Float32Array(e.byteLength / 4);
    const view = new DataView(data.buffer, data.byteOffset + e.byteOffset, e.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
    tensors[e.name] = { shape: e.shape, data: out };
  }
  return { state: header.state, tensors };
}
