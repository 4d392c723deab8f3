import { ConfigError } from '../util/errors';
import { decodeModelArtifacts } from './model-artifacts';
import { encodeModelArtifacts } from './encode-artifacts';
import { ModelFileError } from './model-file-error';
import type { ModelIOHandler } from './model-io';

/** The IndexedDB database and object store that {@link indexedDbModelIO} uses by default. */
export const INDEXED_DB_MODEL_STORE: {
  /** The IndexedDB database models are stored in. */
  readonly database: 'rnn-nade-models';
  /** The object store inside it (one record per model name). */
  readonly store: 'models';
} = { database: 'rnn-nade-models', store: 'models' };

/** The URL scheme routed to {@link indexedDbModelIO} (`indexeddb://my-model`). */
export const INDEXED_DB_SCHEME = 'indexeddb://';

/** A model as stored in IndexedDB: the same two artifacts as a model folder. */
interface StoredModel {
  readonly modelJson: string;
  readonly weights: Uint8Array;
  readonly savedAt: string;
}

/** Options of {@link indexedDbModelIO}. */
export interface IndexedDbModelIOOptions {
  /** Database name (default {@link INDEXED_DB_MODEL_STORE}.database). */
  readonly database?: string;
  /** Object store name (default {@link INDEXED_DB_MODEL_STORE}.store). */
  readonly store?: string;
}

/** The parts of the IndexedDB API used here (the package compiles without the DOM library). */
interface IdbRequest<T> {
  readonly result: T;
  readonly error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbStore {
  put(value: unknown, key: string): IdbRequest<unknown>;
  get(key: string): IdbRequest<unknown>;
}
interface IdbTransaction {
  readonly error: unknown;
  objectStore(name: string): IdbStore;
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}
interface IdbDatabase {
  createObjectStore(name: string): unknown;
  transaction(store: string, mode: 'readonly' | 'readwrite'): IdbTransaction;
  close(): void;
}
interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: (() => void) | null;
}
interface IdbFactory {
  open(name: string, version: number): IdbOpenRequest;
}

function openDb(database: string, store: string): Promise<IdbDatabase> {
  const idb = (globalThis as { indexedDB?: IdbFactory }).indexedDB;
  if (!idb) return Promise.reject(new ConfigError('IndexedDB is not available here (indexeddb:// needs a browser or a worker).'));
  return new Promise((resolve, reject) => {
    const request = idb.open(database, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`Could not open IndexedDB "${database}"`));
  });
}

async function transact<T>(o: { database: string; store: string }, mode: 'readonly' | 'readwrite', action: (s: IdbStore) => IdbRequest<unknown>): Promise<T> {
  const db = await openDb(o.database, o.store);
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(o.store, mode);
    const request = action(tx.objectStore(o.store));
    tx.oncomplete = () => {
      db.close();
      resolve(request.result as T);
    };
    tx.onerror = tx.onabort = () => {
      db.close();
      reject(tx.error ?? new Error('IndexedDB transaction failed'));
    };
  });
}

/**
 * A handler that keeps a model under `name` in IndexedDB (browsers and workers), in the
 * model-file format: the record holds the `model.json` text and the weights bytes, so a stored
 * model can be downloaded and loaded by `SequenceModel.load(dir)` or the CLI later. Also reached
 * through the string `indexeddb://name`.
 * @throws ConfigError where IndexedDB is missing; ModelFileError (NOT_FOUND) when nothing is stored under `name`.
 *
 * @example
 * ```ts
 * await model.save('indexeddb://chorales');
 * const { model: again } = await SequenceModel.load('indexeddb://chorales');
 * ```
 */
export function indexedDbModelIO(name: string, options: IndexedDbModelIOOptions = {}): ModelIOHandler {
  const o = { database: options.database ?? INDEXED_DB_MODEL_STORE.database, store: options.store ?? INDEXED_DB_MODEL_STORE.store };
  const source = `${INDEXED_DB_SCHEME}${name}`;
  return {
    source,
    async save(contents) {
      const { modelJson, weights } = await encodeModelArtifacts(contents.json, contents.tensors, { where: source });
      const record: StoredModel = { modelJson, weights, savedAt: new Date().toISOString() };
      await transact(o, 'readwrite', (s) => s.put(record, name));
    },
    async load() {
      const record = await transact<StoredModel | undefined>(o, 'readonly', (s) => s.get(name));
      if (!record) throw new ModelFileError('NOT_FOUND', source, `No model is stored under "${name}" in IndexedDB "${o.database}"`);
      return decodeModelArtifacts(record.modelJson, record.weights, { source });
    },
  };
}

/** Routes `indexeddb://name` to {@link indexedDbModelIO}. */
export function indexedDbRouter(target: string): ModelIOHandler | null {
  return target.startsWith(INDEXED_DB_SCHEME) ? indexedDbModelIO(target.slice(INDEXED_DB_SCHEME.length)) : null;
}
