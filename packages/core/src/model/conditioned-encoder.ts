import { conditioningChannels, validateConditioningSpec, type ConditioningSpec } from '../conditioning/spec';
import { resolveEncoderConfig, type EncoderConfig, type EncoderConfigInput } from '../encoder/config';
import { ConfigError } from '../util/errors';

/**
 * The encoder config and validated spec of a model built with `conditioning`: the encoder's
 * `conditioningChannels` is set from the spec (a different value given by the user is an error).
 * @throws ConfigError on a channel mismatch or an invalid encoder field; ConditioningError on an invalid spec.
 */
export function resolveConditionedEncoder(
  encoder: EncoderConfigInput,
  conditioning: ConditioningSpec | undefined,
): { config: EncoderConfig; spec: ConditioningSpec | null } {
  const spec = conditioning === undefined ? null : validateConditioningSpec(conditioning, { frameDim: encoder.inputDim });
  const C = conditioningChannels(spec);
  const given = encoder.conditioningChannels;
  if (given !== undefined && given !== C) {
    throw new ConfigError(`encoder.conditioningChannels is ${given} but the conditioning spec has ${C} channels (leave it out: the spec sets it).`);
  }
  return { config: resolveEncoderConfig({ ...encoder, conditioningChannels: C }), spec };
}
