export * from './batches';
export * from './sequence-model';
export * from './model-file';
export * from './time-major';
export * from './load-model-url';
export * from './model-metadata';
export * from './model-contents';
