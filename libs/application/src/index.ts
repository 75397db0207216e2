export * from './command-runner';
export * from './event-codec';
export * from './registration';
export * from './bulk-registration';
export * from './stage-one';
export * from './reports';
export * from './input';
export * from './import';
