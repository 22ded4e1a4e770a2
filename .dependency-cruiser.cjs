/**
 * Layer rules (ARCHITECTURE.md principles 11 and "Ports and adapters"):
 * - no app imports another app, no lib imports an app;
 * - another lib is reached only through its public entry (src/index.ts, or src/testing/index.ts in tests);
 * - vendor SDKs are imported only by the adapter lib named for that technology.
 */
const vendorAdapters = [
  ['better-sqlite3', 'libs/sqlite'],
  ['kafkajs', 'libs/kafka'],
  ['@clickhouse/client|chdb', 'libs/clickhouse'],
  ['@kurrent/kurrentdb-client|@grpc/grpc-js|google-protobuf', 'libs/kurrentdb'],
  ['jose', 'libs/jwt'],
];

module.exports = {
  forbidden: [
    {
      name: 'no-app-to-other-app',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    { name: 'no-lib-to-app', severity: 'error', from: { path: '^libs/' }, to: { path: '^apps/' } },
    {
      name: 'libs-through-public-entry',
      severity: 'error',
      from: { path: '^(?:libs/([^/]+)/|apps/|test/|bench/)' },
      to: {
        path: '^libs/[^/]+/',
        pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$', '^libs/[^/]+/src/testing/index\\.ts$'],
      },
      // Inside one lib, files import each other freely.
      comment: 'Import another lib only through #libs/<name> (its src/index.ts) or, in tests, #testing/<name>.',
    },
    ...vendorAdapters.map(([modules, adapterPrefix]) => ({
      name: `vendor-sdk-only-in-adapter:${modules}`,
      severity: 'error',
      from: { pathNot: [`^${adapterPrefix}`, '^node_modules'] },
      to: { dependencyTypes: ['npm', 'npm-dev'], path: `^node_modules/(${modules})/` },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|dashboards)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
