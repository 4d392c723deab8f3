export * from './atomic';
export * from './model-artifacts';
export * from './encode-artifacts';
export * from './model-dir';
export * from './model-file-error';
