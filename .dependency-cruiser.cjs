/**
 * The arrows of ARCHITECTURE.md, checked by `npm run lint` (dependency-cruiser, TypeScript read
 * through swc, type-only imports included). Each folder of src/ may import only the folders
 * listed for it in `allowed` (and itself); no file may take part in an import cycle.
 */
const allowed = {
  contracts: [],
  'errors.ts': ['contracts'],
  generated: ['contracts'],
  // errors.ts is pure too: a statistic called outside its domain is an InternalError (a bug).
  stats: ['contracts', 'errors.ts'],
  lang: ['contracts', 'errors.ts'],
  catalog: ['contracts', 'generated', 'errors.ts'],
  suite: ['contracts', 'errors.ts', 'generated', 'catalog', 'lang'],
  config: ['contracts', 'errors.ts', 'generated', 'catalog', 'suite'],
  provider: ['contracts', 'errors.ts'],
  cassette: ['contracts', 'errors.ts', 'files.ts', 'provider'],
  assertions: ['contracts', 'errors.ts', 'catalog', 'lang', 'suite'],
  compare: ['contracts', 'errors.ts', 'stats', 'assertions'],
  report: ['contracts', 'errors.ts', 'files.ts', 'generated', 'stats', 'compare'],
  github: ['contracts', 'errors.ts'],
  'files.ts': [],
  run: [
    'contracts',
    'errors.ts',
    'files.ts',
    'stats',
    'suite',
    'config',
    'provider',
    'cassette',
    'assertions',
    'compare',
    'report',
    'github',
  ],
  'index.ts': ['contracts', 'errors.ts', 'files.ts', 'suite', 'config', 'cassette', 'report', 'run'],
  // The second public entry (`qeval/comparison`): merging and comparing reports and the
  // pull-request comment, apart so that a run does not load them before its first call.
  'comparison.ts': ['contracts', 'errors.ts', 'compare', 'report', 'github', 'run'],
  // The CLI is built on the public API (src/index.ts, src/comparison.ts); `--help` loads only the
  // two light modules it needs, the error classes and the settings table the flags come from.
  cli: ['index.ts', 'comparison.ts', 'errors.ts', 'contracts', 'config'],
  build: ['contracts', 'errors.ts', 'generated', 'suite', 'config', 'report'],
  // The vitest matchers: suite checks and scoring for one text, grader calls through the client
  // and cassettes, settings from the one table.
  vitest: ['contracts', 'errors.ts', 'suite', 'config', 'assertions', 'provider', 'cassette'],
};

const folderPath = (name) => (name.endsWith('.ts') ? `^src/${name.replace('.', '\\.')}$` : `^src/${name}/`);

const layerRules = Object.entries(allowed).map(([from, to]) => ({
  name: `arrows-of-${from.replace('.ts', '')}`,
  comment: `src/${from} may import only: ${to.length ? to.join(', ') : 'nothing of ours'} (ARCHITECTURE.md)`,
  severity: 'error',
  from: { path: folderPath(from) },
  to: {
    path: '^src/',
    pathNot: [folderPath(from), ...to.map(folderPath)],
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: split the shared part into its own module (or into src/contracts).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'statistics-are-pure',
      comment: 'src/stats is pure functions: no packages, no I/O.',
      severity: 'error',
      from: { path: '^src/stats/' },
      to: { dependencyTypes: ['npm', 'core'] },
    },
    {
      name: 'the-client-knows-no-scoring',
      comment: 'The client and the cassettes know nothing of scoring, results or reports.',
      severity: 'error',
      from: { path: '^src/(provider|cassette)/' },
      to: { path: '^src/(assertions|run|report|compare|suite|config)/' },
    },
    {
      name: 'only-the-cli-prints',
      comment: 'Terminal output (commander, the progress bar) belongs to src/cli alone.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: 'node_modules/(commander|cli-progress)/' },
    },
    {
      name: 'build-code-is-not-run',
      comment: 'src/build holds the generators behind npm run gen:schema: nothing at run time imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/build/' },
      to: { path: '^src/build/' },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|bench/out)/' },
  },
};
