import { SequenceModel, decodeModelArtifacts, type JsonValue, type LoadedModel } from '@rnn-nade/core';

const DB = 'rnn-nade-browser-demo';
const STORE = 'models';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`Could not open IndexedDB "${DB}"`));
  });
}

function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = action(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          reject(tx.error ?? new Error('IndexedDB transaction failed'));
        };
      }),
  );
}

/** A model as stored: the same two artifacts as a model folder (`model.json` text and the weights file). */
interface StoredModel {
  readonly modelJson: string;
  readonly weights: Uint8Array;
  readonly savedAt: string;
}

/**
 * Saves `model` under `name` in the page's IndexedDB, in the model-file format (so it can be
 * downloaded and loaded by `SequenceModel.load` or the CLI later). Returns the weights' size in bytes.
 */
export async function saveToIndexedDb(model: SequenceModel, name: string, metadata: Record<string, JsonValue>): Promise<number> {
  const { modelJson, weights } = await model.toArtifacts({ metadata });
  const record: StoredModel = { modelJson, weights, savedAt: new Date().toISOString() };
  await run('readwrite', (store) => store.put(record, name));
  return weights.byteLength;
}

/** Loads a model saved by {@link saveToIndexedDb}, or `undefined` when there is none under `name`. */
export async function loadFromIndexedDb(name: string): Promise<LoadedModel | undefined> {
  const record = (await run('readonly', (store) => store.get(name))) as StoredModel | undefined;
  if (!record) return undefined;
  return SequenceModel.fromContents(await decodeModelArtifacts(record.modelJson, record.weights, { source: `indexeddb:${name}` }));
}
