// The audit library lives in libs/audit. Its `@bansos/audit` alias needs entries in
// tsconfig.json, .swcrc, jest.config.js and nest-cli.json; until those are added, this is
// the one place the CLI reaches it by path.
export * from '../../../../libs/audit/src';
