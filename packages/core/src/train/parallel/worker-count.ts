import { availableParallelism } from 'node:os';
import { CPU_SIDE_BACKENDS } from '../../fast/kernel-backend';
import { ConfigError } from '../../util/errors';
import type { WorkerCount } from '../step-runner';

/** `'auto'` never starts more workers than this (beyond it the per-step synchronisation dominates). */
export const MAX_AUTO_WORKERS = 8;
/** `'auto'` keeps one thread for models with fewer trainable weights (thread overhead exceeds the work). */
export const MIN_AUTO_WEIGHTS = 50_000;

/**
 * The number of gradient threads for `workers`: a positive integer is taken as is; `'auto'`
 * reads `RNN_NADE_WORKERS` when set, else uses the available cores, at most
 * {@link MAX_AUTO_WORKERS}, at most batchSize / 2 (each worker gets at least two sequences),
 * and 1 for models below {@link MIN_AUTO_WEIGHTS} trainable weights or on a backend that is not
 * CPU-side (tfjs-node already uses every core, and a GPU is one device).
 * @throws ConfigError for anything but a positive integer or `'auto'`.
 */
export function resolveWorkerCount(workers: WorkerCount, context: { batchSize: number; weights: number; backend: string }): number {
  const fromEnv = workers === 'auto' ? process.env.RNN_NADE_WORKERS : undefined;
  const raw: WorkerCount = fromEnv !== undefined && fromEnv !== '' && fromEnv !== 'auto' ? Number(fromEnv) : workers;
  if (raw !== 'auto') {
    if (!Number.isInteger(raw) || raw < 1) {
      const where = fromEnv !== undefined ? `RNN_NADE_WORKERS="${fromEnv}"` : `workers ${String(workers)}`;
      throw new ConfigError(`${where}: the number of training workers must be an integer >= 1 or 'auto'.`);
    }
    return raw;
  }
  if (context.weights < MIN_AUTO_WEIGHTS || !(CPU_SIDE_BACKENDS as readonly string[]).includes(context.backend)) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_AUTO_WORKERS, Math.floor(context.batchSize / 2)));
}
