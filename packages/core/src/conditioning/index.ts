export { buildConditioning, type BuildConditioningOptions } from './build';
export { checkBatchConditioning, checkConditioningRows, checkSequenceConditioning } from './check';
export { derivedSlots, expandConditioning, type LookbackSlot, suppliedSpec, withDerivedConditioning, writeLookbackChannels } from './lookback';
export { metricPositionAt, type Meter, type MetricPosition, writeMetricChannels } from './metric';
export {
  type ConditioningFeature,
  type ConditioningSlot,
  type ConditioningSpec,
  conditioningChannels,
  conditioningLayout,
  conditioningSpecToJson,
  describeConditioning,
  featureChannels,
  type LabelFeature,
  type LookbackFeature,
  lookbackDim,
  type MetricFeature,
  type UserFeature,
  validateConditioningSpec,
} from './spec';
