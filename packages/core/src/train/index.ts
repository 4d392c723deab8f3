/**
 * Training: optimizers with checkpointable state, gradient clipping, learning-rate schedules,
 * early stopping, atomic checkpoints with exact resume, JSON-lines logs and loss-curve pictures.
 * @module
 */
export * from './optimizer';
export * from './sgd';
export * from './adam';
export * from './create-optimizer';
export * from './clip';
export * from './lr-schedule';
export * from './lr-plateau';
export * from './lr-schedule-flags';
export * from './early-stopping';
export * from './checkpoint-error';
export * from './run-state';
export * from './history';
export type { TrainLogFields, TrainLogRecord } from './train-log';
export * from './run-sinks';
export * from './run-files';
export * from './loss-curve-svg';
export * from './progress';
export * from './train-options';
export * from './train-step';
export * from './step-runner';
export { WorkerCrashError } from './parallel/worker-error';
export * from './trainer';
export * from './random-crop';
export * from './divergence';
