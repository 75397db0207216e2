export * from './csv-line';
export * from './recipient-csv';
export * from './import-recipients';
export * from './line-contexts';
