export * from './atomic';
export * from './model-dir';
export * from './model-file-error';
