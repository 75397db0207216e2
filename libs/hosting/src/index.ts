export * from './worker';
export * from './worker.module';
export * from './run';
export * from './loop-check';
