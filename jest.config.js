/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      // Fields a DTO declares but a request leaves out stay absent, not present as undefined
      // (as with TypeScript's legacy decorators), so spreading a DTO never blanks a setting.
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs', ignoreDynamic: true },
  },
];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': swc },
  // The libraries' aliases (package.json "imports" point at dist/ for node; tests run the sources).
  moduleNameMapper: {
    '^#(access|application|database|domain|engine|event-store|projections|reminders)$':
      '<rootDir>/libs/$1/src/index.ts',
    '^#(access|application|database|domain|engine|event-store|projections|reminders)/(.*)$':
      '<rootDir>/libs/$1/src/$2',
  },
  globalSetup: '<rootDir>/test/support/global-setup.js',
  // A bound for a hung test, not a speed check: on this 2-core machine under load, the 50
  // concurrent takes on two PGlite instances alone have needed 100 s.
  testTimeout: 180000,
  maxWorkers: 2,
};
