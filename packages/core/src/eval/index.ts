export * from './frame-accuracy';
export * from './evaluate';
export * from './accuracy-tally';
