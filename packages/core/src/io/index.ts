export * from './model-artifacts';
export * from './encode-artifacts';
export * from './model-file-error';
export * from './model-checksum';
export * from './weights-manifest';
export * from './model-io';
export * from './indexed-db-model-io';
export * from './url-model-io';
export type { AcquireRunLockOptions, RunLock, RunLockInfo } from './folder-lock';
