export * from './cpu-network';
export * from './fast-path';
export * from './kernel-backend';
export * from './lstm-cell';
