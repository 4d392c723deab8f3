export * from './sample';
export * from './tensor-path';
