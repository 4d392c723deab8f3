import { RnnNadeError } from '../util/errors';

/** Why a model directory could not be read or written. */
export type ModelFileErrorCode =
  | 'NOT_FOUND'
  | 'MALFORMED_JSON'
  | 'UNSUPPORTED_VERSION'
  | 'MISSING_WEIGHTS'
  | 'TRUNCATED_WEIGHTS'
  | 'SHAPE_MISMATCH'
  | 'CHECKSUM_MISMATCH'
  | 'NON_FINITE_WEIGHTS'
  | 'INVALID_METADATA'
  | 'UNSAFE_PATH'
  | 'WRITE_FAILED';

/**
 * A model directory is missing, malformed, truncated or inconsistent. `reason` tells which;
 * `path` is the file at fault.
 *
 * @example
 * ```ts
 * try { await readModelDir('models/x'); }
 * catch (e) { if (e instanceof ModelFileError && e.reason === 'TRUNCATED_WEIGHTS') console.error(e.message); }
 * ```
 */
export class ModelFileError extends RnnNadeError<`MODEL_FILE_${ModelFileErrorCode}`> {
  /** The specific failure. */
  readonly reason: ModelFileErrorCode;
  /** The file or directory concerned. */
  readonly path: string;
  constructor(reason: ModelFileErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(`MODEL_FILE_${reason}`, `${message} (${path})`, options);
    this.reason = reason;
    this.path = path;
  }
}
