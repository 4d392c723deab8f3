import type { DistributionEstimator, EstimatorConfig } from '../estimator/contract';
import type { EstimatorFactory } from '../estimator/registry';
import type { EncoderConfig } from '../encoder/config';
import { recurrentLayerPrefix } from '../encoder/config';
import { encoderWeightShapes } from '../encoder/weights';
import { expectTensorShapes, type TensorData } from '../io/model-artifacts';
import { ModelFileError } from '../io/model-file-error';
import { RnnNadeError } from '../util/errors';

/**
 * Checks the encoder and projection tensors of a model file against its encoder configuration
 * BEFORE anything is allocated for the model: a model.json that claims `hidden: 8000` next to
 * small weights fails here, at no cost, instead of after allocating the claimed size.
 * Returns the paramSize the projection produces.
 * @throws ModelFileError SHAPE_MISMATCH or MISSING_WEIGHTS naming the weight.
 */
export function checkEncoderTensors(source: string, encoder: EncoderConfig, tensors: Record<string, TensorData>): number {
  const bias = tensors['projection/output/bias'];
  if (!bias) throw new ModelFileError('MISSING_WEIGHTS', source, 'Weight "projection/output/bias" is missing from the model file');
  if (bias.shape.length !== 1)
    throw new ModelFileError('SHAPE_MISMATCH', source, `Weight "projection/output/bias" has shape [${bias.shape}], expected one dimension`);
  const paramSize = bias.shape[0]!;
  // each recurrent layer has three stored tensors: a claim of more layers than that fails here, not after a loop over the claim
  if (encoder.layers * 3 > Object.keys(tensors).length) {
    let missing = 0;
    while (tensors[`${recurrentLayerPrefix(encoder, missing)}/kernel`]) missing++;
    const name = `${recurrentLayerPrefix(encoder, missing)}/kernel`;
    throw new ModelFileError(
      'MISSING_WEIGHTS',
      source,
      `model.json declares ${encoder.layers} ${encoder.cell.toUpperCase()} layers; weight "${name}" is missing from the model file`,
    );
  }
  expectTensorShapes(source, tensors, encoderWeightShapes(encoder, paramSize));
  return paramSize;
}

/**
 * Rebuilds the estimator of a model file with its registered factory and checks it against the
 * file: frame size, paramSize, and every `estimator/<name>` weight shape. An allocation failure
 * (a configuration claiming an absurd size) becomes a typed error.
 * @throws ModelFileError SHAPE_MISMATCH (or MALFORMED_JSON when the factory rejects the config).
 */
export function buildCheckedEstimator(
  source: string,
  factory: EstimatorFactory,
  config: EstimatorConfig,
  expected: { dim: number; paramSize: number; tensors: Record<string, TensorData> },
): DistributionEstimator {
  if (typeof config.dim === 'number' && config.dim !== expected.dim) {
    throw new ModelFileError('SHAPE_MISMATCH', source, `The estimator config says dim ${config.dim}, the encoder reads ${expected.dim} values per frame`);
  }
  let estimator: DistributionEstimator;
  try {
    estimator = factory.fromConfig(config);
  } catch (error) {
    if (RnnNadeError.isInstance(error)) throw error;
    throw new ModelFileError('MALFORMED_JSON', source, `The estimator configuration cannot be built: ${(error as Error).message}`, { cause: error });
  }
  try {
    if (estimator.dim !== expected.dim) {
      throw new ModelFileError('SHAPE_MISMATCH', source, `The estimator reads ${estimator.dim} values per frame, the encoder ${expected.dim}`);
    }
    if (estimator.paramSize !== expected.paramSize) {
      throw new ModelFileError(
        'SHAPE_MISMATCH',
        source,
        `The estimator needs ${estimator.paramSize} params per step, the stored projection gives ${expected.paramSize}`,
      );
    }
    const shapes: Record<string, number[]> = {};
    for (const [name, v] of Object.entries(estimator.weights)) shapes[`estimator/${name}`] = [...v.shape];
    expectTensorShapes(source, expected.tensors, shapes);
    return estimator;
  } catch (error) {
    estimator.dispose();
    throw error;
  }
}
