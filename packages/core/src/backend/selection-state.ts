import type { BackendName } from './backend-names';

/** Process-wide backend selection state (one per process even with two copies of core loaded). */
export interface BackendSelectionState {
  /** The backend chosen by the last successful `initBackend`. */
  selected: BackendName | undefined;
  /** Why the preferred backends were passed over, for the log line. */
  reasons: string[];
}

const KEY = Symbol.for('@rnn-nade/core/backend-selection@v1');
const scope = globalThis as unknown as Record<symbol, BackendSelectionState | undefined>;

/** The shared state object. @internal */
export function backendState(): BackendSelectionState {
  scope[KEY] ??= { selected: undefined, reasons: [] };
  return scope[KEY];
}

/** Forgets the selection (tests only; not exported from the package). @internal */
export function resetBackendState(): void {
  scope[KEY] = { selected: undefined, reasons: [] };
}
