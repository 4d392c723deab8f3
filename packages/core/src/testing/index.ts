/**
 * `@rnn-nade/core/testing`: the estimator conformance kit and numeric test helpers. Import it
 * from tests only; it is a separate entry point so applications never load it.
 *
 * @example
 * ```ts
 * import { checkEstimator, formatConformanceReport } from '@rnn-nade/core/testing';
 *
 * const report = await checkEstimator(() => new MyEstimator({ dim: 5 }));
 * expect(report.failures, formatConformanceReport(report)).toEqual([]);
 * ```
 * @module @rnn-nade/core/testing
 */
export { checkEstimator, checkEstimatorConfigs, formatConformanceReport, type ConfigConformanceReport } from './check-estimator';
export { expectArraysClose } from './expect-arrays-close';
export { svgLayoutProblems, svgTextBoxes, type SvgTextBox } from './svg-layout';
export {
  CONFORMANCE_CHECK_NAMES,
  type ConformanceCheck,
  type ConformanceCheckName,
  type ConformanceOptions,
  type ConformanceReport,
  type RealIntegrationGrid,
} from './conformance-types';
export { chiSquarePValue, chiSquareTest, type ChiSquareResult } from './stats';
