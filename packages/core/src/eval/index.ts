export * from './frame-accuracy';
export * from './evaluate';
