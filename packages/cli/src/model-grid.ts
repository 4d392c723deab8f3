import type { JsonValue } from '@rnn-nade/core';
import { intFlag, type FlagValues } from './args';
import { UsageError } from './cli-error';

/**
 * The grid (time steps per quarter note) to read and write MIDI for a saved model:
 * `--steps-per-quarter` when given, else the `metadata.data.stepsPerQuarter` stored with the model.
 * Never a silent guess: a model that does not record its grid (saved without a `dataSpec`, or
 * trained on a JSON corpus without `stepsPerQuarter`) needs the flag.
 * @throws UsageError naming the flag when neither says.
 */
export function modelStepsPerQuarter(command: string, modelDir: string, metadata: Record<string, JsonValue>, values: FlagValues): number {
  const data = metadata.data;
  const stored = data !== null && typeof data === 'object' && !Array.isArray(data) ? data.stepsPerQuarter : undefined;
  if (values['steps-per-quarter'] !== undefined) return intFlag(values, 'steps-per-quarter', 4, 1, 960);
  if (typeof stored === 'number') return stored;
  throw new UsageError(
    `${modelDir} does not record the time steps per quarter note of its training data (metadata.data.stepsPerQuarter is ${stored === null ? 'null' : 'missing'}); ` +
      `pass --steps-per-quarter N (e.g. 1 for the JSB Chorales files, 4 for sixteenth notes) so that the MIDI is not written at a guessed tempo (rnn-nade ${command} --help).`,
  );
}
