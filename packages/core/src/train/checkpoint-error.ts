import { RnnNadeError } from '../util/errors';

/** A checkpoint file is missing, truncated, corrupt or does not match the run being resumed. */
export class CheckpointError extends RnnNadeError<'CHECKPOINT'> {
  /** The checkpoint file concerned. */
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('CHECKPOINT', `${message} (${path})`, options);
    this.path = path;
  }
}
