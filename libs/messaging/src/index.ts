export * from './wire';
export * from './topics';
export * from './kafka-client';
export * from './batching';
export * from './catch-up';
export * from './event-relay';
export * from './kafka-stream-consumer';
