export * from './atomic';
export * from './model-artifacts';
export * from './model-dir';
export * from './model-file-error';
export * from './model-checksum';
export * from './weights-manifest';
export * from './stale-files';
export * from './folder-lock';
