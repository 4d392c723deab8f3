import type { JsonValue } from '../estimator/contract';
import { ConfigError } from '../util/errors';
import { indexedDbRouter } from './indexed-db-model-io';
import type { ModelDirContents, TensorData } from './model-artifacts';
import { urlRouter } from './url-model-io';

/**
 * Where a model is saved to and loaded from, like tfjs's `tf.io.IOHandler`: a folder on disk
 * (`fileModelIO` in `@rnn-nade/core/node`), a URL (`urlModelIO`), IndexedDB
 * (`indexedDbModelIO`) or memory ({@link memoryModelIO}). `SequenceModel.save` / `load` accept a
 * handler, or a string routed to one by {@link resolveModelIO}.
 */
export interface ModelIOHandler {
  /** Stores `model.json` (minus format fields) and the weights; absent on read-only handlers. */
  save?(contents: ModelDirContents): Promise<void>;
  /** Reads back what {@link save} stored, validated like `readModelDir`; absent on write-only handlers. */
  load?(): Promise<ModelDirContents>;
  /** Names the storage in error messages (`models/jsb`, `indexeddb://jsb`, a URL). */
  readonly source: string;
}

/** Maps a string such as `indexeddb://jsb` to a handler, or returns `null` when it is not its scheme. */
export type ModelIORouter = (target: string) => ModelIOHandler | null;

/** Registered routers, newest first; the built-in `http(s)://` and `indexeddb://` routers come after them. */
const routers: ModelIORouter[] = [];
const BUILT_IN: readonly ModelIORouter[] = [urlRouter, indexedDbRouter];

/**
 * Adds a router consulted by {@link resolveModelIO} (later registrations win) before the built-in
 * `http(s)://` and `indexeddb://` routers; `@rnn-nade/core/node` registers file paths.
 * Registering the same router twice has no effect.
 */
export function registerModelIORouter(router: ModelIORouter): void {
  if (!routers.includes(router)) routers.unshift(router);
}

/**
 * The handler for `target`: a handler is returned as is, a string goes to the first registered
 * router that accepts it.
 * @throws ConfigError when no router accepts the string (a plain path in a browser, or in Node
 * before `import '@rnn-nade/core/node'`).
 */
export function resolveModelIO(target: string | ModelIOHandler): ModelIOHandler {
  if (typeof target !== 'string') return target;
  for (const route of [...routers, ...BUILT_IN]) {
    const handler = route(target);
    if (handler) return handler;
  }
  throw new ConfigError(
    `No model storage handles "${target}": use "indexeddb://name", an http(s) URL or a ModelIOHandler; ` +
      `for a folder path, import '@rnn-nade/core/node' first (Node only).`,
  );
}

/** What {@link memoryModelIO} holds: the last contents saved into it. */
export interface MemoryModelIO extends ModelIOHandler {
  /** A copy of the last saved contents, or `undefined` before the first save. */
  readonly contents: ModelDirContents | undefined;
}

/**
 * An in-memory handler: `save` keeps a copy, `load` returns a copy (tests, caches, hand-offs
 * between pages of one app).
 *
 * @example
 * ```ts
 * const store = memoryModelIO();
 * await model.save(store);
 * const { model: copy } = await SequenceModel.load(store);
 * ```
 */
export function memoryModelIO(initial?: ModelDirContents): MemoryModelIO {
  let held = initial ? copyContents(initial) : undefined;
  return {
    source: 'memory',
    get contents() {
      return held ? copyContents(held) : undefined;
    },
    async save(contents) {
      held = copyContents(contents);
    },
    async load() {
      if (!held) throw new ConfigError('The in-memory model store is empty: save a model into it first.');
      return copyContents(held);
    },
  };
}

function copyContents(c: ModelDirContents): ModelDirContents {
  const tensors: Record<string, TensorData> = {};
  for (const [k, t] of Object.entries(c.tensors)) tensors[k] = { shape: [...t.shape], data: new Float32Array(t.data) };
  return { json: JSON.parse(JSON.stringify(c.json)) as Record<string, JsonValue>, tensors };
}
