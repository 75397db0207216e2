/**
 * The audit context: decision histories, status at an instant, the rebuild-and-compare
 * replay of every read model, and the hash-chained export.
 */
export * from './canonical-json';
export * from './instant';
export * from './record-view';
export * from './audit-index/audit-index.projection';
export * from './audit-index/audit-indexer';
export * from './history/entries';
export * from './history/facts';
export * from './history/history';
export * from './history/tickets-about';
export * from './as-of/as-of';
export * from './as-of/status-as-of';
export * from './replay/decode';
export * from './replay/replayable';
export * from './replay/rebuild';
export * from './replay/compare';
export * from './replay/replay';
export * from './export/hash-chain';
export * from './export/verify-chain';
export * from './export/export-events';
