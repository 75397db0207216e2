export * from './input-error';
export * from './person-input';
export * from './requests';
