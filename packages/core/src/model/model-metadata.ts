import type { JsonValue } from '../estimator/contract';
import { ModelFileError } from '../io/model-file-error';

/** Largest grid resolution a model may store (steps per quarter note), as the MIDI readers allow. */
export const MAX_STEPS_PER_QUARTER = 960;

/** What {@link validateModelMetadata} checks the metadata against. */
export interface ModelShapeInfo {
  /** Frame size D of the model. */
  readonly dim: number;
  /** The estimator's domain. */
  readonly domain: 'binary' | 'real';
}

/**
 * Validates the data description stored with a model (`metadata.data`, written by the CLI and
 * the examples) against the model itself, so that a tool reading it never turns a damaged file
 * into wrong output (pitches outside MIDI's 0..127, a text model written as a piano roll):
 * - `dim`, when present, equals the model's frame size;
 * - `low` (MIDI pitch of column 0), when present, is an integer with `low .. low + dim - 1`
 *   inside 0..127 (binary models), and `high`, when present, equals `low + dim - 1`;
 * - `stepsPerQuarter`, when present and not null, is an integer in 1..{@link MAX_STEPS_PER_QUARTER};
 * - `kind`, when present, is a string, and `kind: 'text'` needs a real-valued estimator;
 * - `drums`, when present, is a boolean.
 * Metadata without a `data` object is accepted as is.
 * @throws ModelFileError INVALID_METADATA naming the field.
 *
 * @example
 * ```ts
 * validateModelMetadata('models/jsb', metadata, { dim: 88, domain: 'binary' });
 * ```
 */
export function validateModelMetadata(source: string, metadata: Record<string, JsonValue>, model: ModelShapeInfo): void {
  const data = metadata.data;
  if (data === undefined) return;
  const bad: (why: string) => never = (why) => {
    throw new ModelFileError('INVALID_METADATA', source, `Invalid metadata.data in model.json: ${why}`);
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) bad('must be an object');
  const { dim, low, high, stepsPerQuarter, kind, drums } = data;
  if (dim !== undefined && dim !== model.dim) bad(`dim is ${JSON.stringify(dim)} but the model's frames have ${model.dim} values`);
  if (kind !== undefined && typeof kind !== 'string') bad(`kind must be a string, got ${JSON.stringify(kind)}`);
  if (kind === 'text' && model.domain !== 'real') bad(`kind is "text" but the estimator is ${model.domain} (word vectors need a real-valued estimator)`);
  if (drums !== undefined && typeof drums !== 'boolean') bad(`drums must be true or false, got ${JSON.stringify(drums)}`);
  if (stepsPerQuarter !== undefined && stepsPerQuarter !== null) {
    if (typeof stepsPerQuarter !== 'number' || !Number.isInteger(stepsPerQuarter) || stepsPerQuarter < 1 || stepsPerQuarter > MAX_STEPS_PER_QUARTER) {
      bad(`stepsPerQuarter must be an integer in 1..${MAX_STEPS_PER_QUARTER}, got ${JSON.stringify(stepsPerQuarter)}`);
    }
  }
  if (low !== undefined) {
    if (typeof low !== 'number' || !Number.isInteger(low)) bad(`low must be an integer MIDI pitch, got ${JSON.stringify(low)}`);
    if (model.domain === 'binary' && (low < 0 || low + model.dim - 1 > 127)) {
      bad(`low = ${low} maps the ${model.dim} columns to pitches ${low}..${low + model.dim - 1}, outside MIDI's 0..127`);
    }
    if (high !== undefined && high !== low + model.dim - 1) bad(`high = ${JSON.stringify(high)} but low + dim - 1 = ${low + model.dim - 1}`);
  }
}
