export * from './config';
export * from './secrets';
export * from './tokens';
export * from './clock';
export * from './embedded-system';
