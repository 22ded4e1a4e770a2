// Jest in native ESM mode (NODE_OPTIONS=--experimental-vm-modules), TypeScript via @swc/jest.
// Why these settings: ../shared/design/TESTING.md (toolchain seen working on this machine).
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/e2e/**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: {
    // Test-only entry points (contract suites, fixtures) live at libs/<lib>/src/testing/index.ts.
    '^#testing/(.*)$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^#libs/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // ESM mode retains ~25-30 MB per test file per worker; recycle workers (TESTING.md).
  workerIdleMemoryLimit: '512MB',
  testTimeout: 30000,
};
