// The layers of deploy-actions, checked by `npm run deps:check` (test/checks/deps.test.ts).
//   actions/<name>/src  →  packages/providers/<capability>  →  packages/clouds/<cloud>  →  packages/core
// Only the edge files talk to the runner (@actions/*): an action's main.ts and inputs.ts, the
// run wrapper and core's @actions/core adapters, the cloud sign-in files, provider folders'
// SDK/API files (never their *-mapping.ts) and tool files that run processes. Everything else is
// pure and is tested with tables, without mocks.

/** Files allowed to import @actions/*. */
const EDGE = [
  '(^|/)main\\.ts$',
  '(^|/)inputs\\.ts$',
  '^packages/core/(run-action|action-input|actions-logger|secrets|summary)\\.ts$',
  '^packages/clouds/[^/]+/(credential|credentials)\\.ts$',
  '^packages/providers/[^/]+/[^/]+/(?![^/]*-mapping\\.ts$)[^/]+\\.ts$',
  '^actions/[^/]+/src/tools/run-tool\\.ts$',
  // build-push runs the engine's process through @actions/exec here.
  '^actions/build-push/src/run-engine\\.ts$',
  // migrate's lint writes its pull-request comment through @actions/github's Octokit here.
  '^actions/migrate/src/lint/lint-comment\\.ts$',
  // smoke-test writes its outputs and summary from here (its owner may fold it into main.ts).
  '^actions/smoke-test/src/publish\\.ts$'
]

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: split the shared part out (an interface into types.ts, a factory into factory.ts).',
      from: {},
      to: { circular: true }
    },
    {
      name: 'pure-imports-no-actions-toolkit',
      severity: 'error',
      comment: 'Pure files import nothing from @actions/*: read inputs in inputs.ts, write outputs in main.ts, or inject a Logger.',
      from: { path: '^(actions/[^/]+/src|packages)/', pathNot: EDGE },
      to: { path: '(^|/)node_modules/@actions/' }
    },
    {
      name: 'provider-not-to-provider',
      severity: 'error',
      comment: 'A provider never imports another provider: share through the capability (types.ts, a pure helper beside it) or packages/clouds.',
      from: { path: '^packages/providers/([^/]+)/([^/]+)/' },
      to: { path: '^packages/providers/[^/]+/[^/]+/', pathNot: '^packages/providers/$1/$2/' }
    },
    {
      name: 'provider-not-to-factory',
      severity: 'error',
      comment: 'A provider does not load providers: only the capability factory does.',
      from: { path: '^packages/providers/' },
      to: { path: '^packages/providers/[^/]+/factory\\.ts$' }
    },
    {
      name: 'capability-types-import-no-provider',
      severity: 'error',
      comment: 'types.ts holds the interface and its config only; implementations are loaded by factory.ts.',
      from: { path: '^packages/providers/[^/]+/types\\.ts$' },
      to: { path: '^packages/providers/[^/]+/[^/]+/' }
    },
    {
      name: 'packages-not-to-actions',
      severity: 'error',
      comment: 'packages/ is shared by every action and never imports from one.',
      from: { path: '^packages/' },
      to: { path: '^actions/' }
    },
    {
      name: 'clouds-not-to-providers',
      severity: 'error',
      comment: 'packages/clouds/* is below the providers: sign-in, client config and error reading only.',
      from: { path: '^packages/clouds/' },
      to: { path: '^packages/(providers|backup|db|dispatch)/' }
    },
    {
      name: 'core-is-the-bottom',
      severity: 'error',
      comment: 'packages/core imports only packages/core.',
      from: { path: '^packages/core/' },
      to: { path: '^packages/(?!core/)' }
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true }
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'An npm package used but not named in package.json (it only works while something else pulls it in).',
      from: { path: '^(actions|packages)/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json'] },
    reporterOptions: { text: { highlightFocused: true } }
  }
}
