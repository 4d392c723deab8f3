import { ModelFileError, SequenceModel, indexedDbModelIO, type JsonValue, type LoadedModel } from '@rnn-nade/core';

/** The demo's own IndexedDB database (core's `indexedDbModelIO` with the demo's database name). */
const DATABASE = 'rnn-nade-browser-demo';

/**
 * Saves `model` under `name` in the page's IndexedDB through core's IndexedDB handler, in the
 * model-file format (so it can be downloaded and loaded by `SequenceModel.load` or the CLI later).
 * Returns the weights' size in bytes.
 */
export async function saveToIndexedDb(model: SequenceModel, name: string, metadata: Record<string, JsonValue>): Promise<number> {
  await model.save(indexedDbModelIO(name, { database: DATABASE }), { metadata });
  return Object.values(model.getWeights()).reduce((sum, t) => sum + t.data.length * 4, 0); // float32
}

/** Loads a model saved by {@link saveToIndexedDb}, or `undefined` when there is none under `name`. */
export async function loadFromIndexedDb(name: string): Promise<LoadedModel | undefined> {
  try {
    return await SequenceModel.load(indexedDbModelIO(name, { database: DATABASE }));
  } catch (error) {
    if (error instanceof ModelFileError && error.reason === 'NOT_FOUND') return undefined;
    throw error;
  }
}
