export * from './baseline-result';
export * from './note-one-gram';
export * from './uniform';
