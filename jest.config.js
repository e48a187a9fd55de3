/** Unit specs live beside the code; integration suites live in test/ and get real Redis and ZooKeeper. */
const moduleNameMapper = {
  '^@cim/(protocol|session-store|registry|config|client-sdk|observability|auth|http-api|local-cluster|delivery|rpc)$':
    '<rootDir>/libs/$1/src',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
/** Builds and packed packages repeat the sources' package names: keep them out of the module map. */
const modulePathIgnorePatterns = ['<rootDir>/dist/', '<rootDir>/.tmp/'];

module.exports = {
  // Generous: on a CI machine loaded many times over, starting a cluster of apps in a hook can take minutes.
  testTimeout: 180000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: [
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/tools/**/*.spec.ts',
      ],
      moduleNameMapper,
      modulePathIgnorePatterns,
      transform,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
      moduleNameMapper,
      modulePathIgnorePatterns,
      transform,
    },
  ],
};
