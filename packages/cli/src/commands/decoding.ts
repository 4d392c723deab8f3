import { ConfigError, type CandidateSelection, type JsonValue } from '@rnn-nade/core/node';
import { intFlag, numFlag, type FlagValues } from '../args';
import { UsageError } from '../cli-error';

/** A sampling decoding (`rnn-nade sample`): temperature and best of N. */
export interface SamplingDecoding {
  /** Sampling temperature. */
  readonly temperature: number;
  /** Samples drawn; one is kept by `select` (1 = plain sampling). */
  readonly candidates: number;
  /** How one of several samples is kept: the most likely (`'likelihood'`) or the consensus of the draws (`'consensus'`, binary frames). */
  readonly select: CandidateSelection;
  /** Frames drawn at every step, the consensus one kept (step-wise consensus, binary frames; 1 = off). */
  readonly stepDraws: number;
}

/** A completion decoding (`rnn-nade complete`): temperature, best of N, adaptation to the primer. */
export interface CompletionDecoding extends SamplingDecoding {
  /** Adam updates on the primer before continuing it (0 = off). */
  readonly adaptSteps: number;
  /** Learning rate of those updates. */
  readonly adaptLearningRate: number;
}

/** One decoding field: its flag, its key in the stored block, its default and its allowed range. */
interface DecodingField {
  readonly flag: string;
  readonly key: string;
  readonly fallback: number;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

const TEMPERATURE: DecodingField = { flag: 'temperature', key: 'temperature', fallback: 1, min: Number.MIN_VALUE, max: 100, integer: false };
const CANDIDATES: DecodingField = { flag: 'candidates', key: 'candidates', fallback: 1, min: 1, max: 1000, integer: true };
const STEP_DRAWS: DecodingField = { flag: 'step-draws', key: 'stepDraws', fallback: 1, min: 1, max: 1000, integer: true };
const ADAPT_STEPS: DecodingField = { flag: 'adapt-steps', key: 'adaptSteps', fallback: 0, min: 0, max: 100_000, integer: true };
const ADAPT_LR: DecodingField = { flag: 'adapt-lr', key: 'adaptLearningRate', fallback: 1e-3, min: Number.MIN_VALUE, max: 10, integer: false };

/**
 * Reads each field from its flag when given, else from the model's metadata block `block`
 * (checked against the same range as the flag), else its default.
 */
function resolveFields(flags: FlagValues, metadata: Record<string, JsonValue>, block: string, fields: readonly DecodingField[]): number[] {
  const raw = metadata[block];
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new ConfigError(`The model's metadata "${block}" must be an object like { "temperature": 1, "candidates": 4 }, got ${JSON.stringify(raw)}.`);
  }
  const stored = (raw ?? {}) as Record<string, JsonValue>;
  return fields.map((f) => {
    const value = stored[f.key];
    if (value !== undefined && !(typeof value === 'number' && (!f.integer || Number.isInteger(value)) && value >= f.min && value <= f.max)) {
      const range = f.min === Number.MIN_VALUE ? `> 0 and <= ${f.max}` : `in ${f.min}..${f.max}`;
      throw new ConfigError(`The model's metadata ${block}.${f.key} must be ${f.integer ? 'an integer' : 'a number'} ${range}, got ${JSON.stringify(value)}.`);
    }
    const fallback = value ?? f.fallback;
    return f.integer ? intFlag(flags, f.flag, fallback, f.min, f.max) : numFlag(flags, f.flag, fallback, f.min, f.max);
  });
}

const SELECTIONS: readonly CandidateSelection[] = ['likelihood', 'consensus'];

/** `--select` when given, else the stored block's `select`, else `'likelihood'`. */
function resolveSelect(flags: FlagValues, metadata: Record<string, JsonValue>, block: string): CandidateSelection {
  const flag = flags.select;
  if (flag !== undefined) {
    if (typeof flag !== 'string' || !SELECTIONS.includes(flag as CandidateSelection))
      throw new UsageError(`--select must be likelihood or consensus, got ${JSON.stringify(flag)}.`);
    return flag as CandidateSelection;
  }
  const stored = (metadata[block] as Record<string, JsonValue> | undefined)?.select;
  if (stored === undefined || stored === null) return 'likelihood';
  if (!SELECTIONS.includes(stored as CandidateSelection))
    throw new ConfigError(`The model's metadata ${block}.select must be "likelihood" or "consensus", got ${JSON.stringify(stored)}.`);
  return stored as CandidateSelection;
}

/**
 * The decoding of `rnn-nade sample`: `--temperature` and `--candidates` when given, else the
 * model's metadata `sampling` block (`{ temperature, candidates }`, the decoding the model's
 * results were measured with), else plain sampling (T=1, one candidate).
 * @throws UsageError on a malformed flag; ConfigError on a stored value out of range.
 *
 * @example
 * ```ts
 * samplingDecoding({ temperature: '0.8' }, { sampling: { temperature: 1, candidates: 4 } }); // { temperature: 0.8, candidates: 4, stepDraws: 1, select: 'likelihood' }
 * ```
 */
export function samplingDecoding(flags: FlagValues, metadata: Record<string, JsonValue>): SamplingDecoding {
  const [temperature, candidates, stepDraws] = resolveFields(flags, metadata, 'sampling', [TEMPERATURE, CANDIDATES, STEP_DRAWS]) as [number, number, number];
  return { temperature, candidates, stepDraws, select: resolveSelect(flags, metadata, 'sampling') };
}

/**
 * The decoding of `rnn-nade complete`: each flag given wins, else the model's metadata
 * `completion` block (`{ temperature, candidates, adaptSteps, adaptLearningRate }`), else plain
 * sampling (T=1, one candidate, no adaptation, learning rate 1e-3).
 * @throws UsageError on a malformed flag; ConfigError on a stored value out of range.
 *
 * @example
 * ```ts
 * completionDecoding({ temperature: '0.8' }, { completion: { candidates: 4 } }); // { temperature: 0.8, candidates: 4, stepDraws: 1, adaptSteps: 0, adaptLearningRate: 0.001, select: 'likelihood' }
 * ```
 */
export function completionDecoding(flags: FlagValues, metadata: Record<string, JsonValue>): CompletionDecoding {
  const fields = [TEMPERATURE, CANDIDATES, STEP_DRAWS, ADAPT_STEPS, ADAPT_LR];
  const resolved = resolveFields(flags, metadata, 'completion', fields) as [number, number, number, number, number];
  const [temperature, candidates, stepDraws, adaptSteps, adaptLearningRate] = resolved;
  return { temperature, candidates, stepDraws, adaptSteps, adaptLearningRate, select: resolveSelect(flags, metadata, 'completion') };
}

/**
 * One line describing a decoding, as the commands print it.
 *
 * @example
 * ```ts
 * describeDecoding({ temperature: 1, candidates: 4, select: 'consensus', stepDraws: 1 }); // 'T=1, best of 4 by consensus'
 * ```
 */
export function describeDecoding(d: SamplingDecoding | CompletionDecoding): string {
  const parts = [`T=${d.temperature}`, `best of ${d.candidates}${d.select === 'consensus' ? ' by consensus' : ''}`];
  if (d.stepDraws > 1) parts.push(`step-wise consensus of ${d.stepDraws}`);
  if ('adaptSteps' in d) parts.push(`adapted ${d.adaptSteps} steps at lr ${d.adaptLearningRate}`);
  return parts.join(', ');
}
