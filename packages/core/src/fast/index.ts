export * from './cpu-network';
export * from './fast-path';
