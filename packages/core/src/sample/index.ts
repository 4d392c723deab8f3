export * from './sample';
export * from './tensor-path';
export * from './complete-sequence';
export * from './consensus';
