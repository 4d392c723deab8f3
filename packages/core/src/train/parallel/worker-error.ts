import { RnnNadeError } from '../../util/errors';

/**
 * A training worker thread failed (threw, crashed or exited). Training stops with this error;
 * the last checkpoint (written after the last complete epoch) is kept, so `resume` continues.
 */
export class WorkerCrashError extends RnnNadeError<'WORKER_CRASH'> {
  /** Index of the worker that failed. */
  readonly worker: number;

  constructor(worker: number, message: string, options?: { cause?: unknown }) {
    super('WORKER_CRASH', message, options);
    this.worker = worker;
  }
}
