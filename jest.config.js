// Four tiers, told apart by suffix: *.spec.ts (pure units), *.int-spec.ts (real
// on-disk stores), *.e2e-spec.ts (the whole app over HTTP or the CLI) and
// *.engine-spec.ts (the production adapters against real Kafka and FerretDB servers,
// which the tier's global setup starts, and the EventStoreDB emulator).
const swc = [
  '@swc/jest',
  {
    // .swcrc leaves tests out of the build; jest must not read it.
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@bansos/domain$': '<rootDir>/libs/domain/src',
  '^@bansos/platform$': '<rootDir>/libs/platform/src',
  '^@bansos/application$': '<rootDir>/libs/application/src',
  '^@bansos/eventstore$': '<rootDir>/libs/eventstore/src',
  '^@bansos/read-models$': '<rootDir>/libs/read-models/src',
  '^@bansos/regions$': '<rootDir>/libs/regions/src',
  '^@bansos/sla$': '<rootDir>/libs/sla/src',
  '^@bansos/audit$': '<rootDir>/libs/audit/src',
  '^@bansos/messaging$': '<rootDir>/libs/messaging/src',
  '^@bansos/hosting$': '<rootDir>/libs/hosting/src',
};
// A few dependencies ship ESM only (Node 20 requires them natively; jest does not): compile those.
const esmOnly = ['content-disposition'];
const js = ['@swc/jest', { swcrc: false, jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const base = {
  transform: { '^.+\\.ts$': swc, '^.+\\.js$': js },
  transformIgnorePatterns: [`/node_modules/(?!(.*/)?(${esmOnly.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  testTimeout: 60000,
  // Builds dist/ once before the tiers below (the engine tier's own setup builds again: it also runs alone).
  globalSetup: '<rootDir>/test/support/build.ts',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'] },
    {
      ...base,
      displayName: 'engines',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.engine-spec.ts'],
      globalSetup: '<rootDir>/test/support/engines/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/engines/global-teardown.ts',
    },
  ],
};
