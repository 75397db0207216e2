export * from './read-model-store';
export * from './projector';
export * from './batching';
export * from './projections/projection';
export * from './projections/lookup-keys';
export * from './projections/lookup.projection';
export * from './projections/reports.projection';
export * from './sqlite/sqlite-read-model-store';
