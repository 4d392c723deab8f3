export * from './config';
export * from './weights';
export * from './lstm';
export * from './rnn';
export * from './implementation';
export * from './attention';
export * from './dropout';
export * from './network';
