/**
 * dashwatch's layering, checked by `npm test` (`npm run layers`). The flow runs one way:
 *
 *   config ─► watch (kinds ─► dashscope) ─► store ─► queue ─► delivery (notifiers) ─► channels
 *
 * `jobs` (the command line's job tools: create, wait, logs) sits on kinds and dashscope beside watch;
 * the daemon also reads failed jobs' logs through it for their notifications.
 *
 * `core` is below everything; `daemon` only assembles; `cli` is the entry; `dev` (simulator, sinks,
 * demo, throw-away Redis) is loaded only by the `demo` and `simulator` commands and by tests.
 */
const layer = (name, allowed) => ({
  name: `${name}-layer`,
  comment: `src/${name} may import only: ${allowed.join(', ') || 'nothing else in src'}`,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: {
    path: '^src/',
    pathNot: [`^src/${name}/`, ...allowed.map((dir) => (dir.endsWith('$') ? `^src/${dir}` : `^src/${dir}/`))],
  },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-dev-tooling-in-production',
      comment:
        'Production code never imports the simulator, the sinks, the demo or the throw-away Redis; only the demo and simulator commands load them, on demand.',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: ['^src/dev/', '^src/cli/commands/(demo|simulator)\\.ts$'],
      },
      to: { path: '^src/dev/' },
    },
    {
      name: 'dev-tooling-only-on-demand',
      comment: 'The demo and simulator commands load dev tooling with a dynamic import, never statically.',
      severity: 'error',
      from: { path: '^src/cli/commands/(demo|simulator)\\.ts$' },
      to: { path: '^src/dev/', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-dev-dependencies-in-production',
      comment: 'Test-only packages (smtp-server, mailparser, vitest, …) stay out of the production path.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/dev/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    layer('core', []),
    layer('dashscope', ['core']),
    layer('redis', ['core']),
    layer('store', ['core', 'redis']),
    layer('queue', ['core', 'redis']),
    layer('kinds', ['core', 'dashscope', 'store']),
    layer('jobs', ['core', 'dashscope', 'kinds']),
    layer('notifiers', ['core', 'kinds', 'config/fields\\.ts$']),
    layer('config', ['core', 'dashscope', 'kinds', 'notifiers']),
    layer('watch', ['core', 'dashscope', 'kinds', 'store', 'queue', 'redis']),
    layer('delivery', ['core', 'config', 'notifiers', 'store', 'queue', 'redis']),
    layer('server', ['core', 'watch', 'store']),
    layer('daemon', [
      'core',
      'config',
      'dashscope',
      'jobs',
      'watch',
      'delivery',
      'server',
      'kinds',
      'store',
      'queue',
      'redis',
      'notifiers',
    ]),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
