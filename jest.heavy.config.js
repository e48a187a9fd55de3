/**
 * The heavy suites (test/heavy): real processes at a scale that takes many minutes on a busy two-core
 * machine, so not part of `npm test`; `npm run test:heavy` runs them, with the integration suites'
 * Redis and ZooKeeper set-up.
 */
const base = require('./jest.config.js');

const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  testTimeout: base.testTimeout,
  projects: [
    { ...integration, displayName: 'heavy', testMatch: ['<rootDir>/test/heavy/**/*.heavy-spec.ts'] },
  ],
};
