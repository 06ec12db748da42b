// Which part of Courier may import which: the import rules of docs/architecture.md ("Where a new
// capability goes"), checked by eslint-plugin-boundaries. Paths are relative to the repository root.
// The layout is the target one: folders that do not exist yet (src/ports, src/send) are already named.

const proxy = 'apps/proxy/src'
const web = 'apps/web/src'

/** Every file under a source tree belongs to exactly one element; the first matching descriptor wins. */
export const elements = [
  // The contract: zod schemas and pure functions, both sides import it.
  { type: 'shared', pattern: 'packages/shared/src', partialMatch: false },
  // The script sandbox (QuickJS + the pm API): both sides import it, it imports only the contract.
  { type: 'scripts', pattern: 'packages/scripts/src', partialMatch: false },

  // The browser.
  { type: 'web-app', pattern: `${web}/{main.tsx,test-setup.ts}`, mode: 'full' },
  { type: 'web-app', pattern: `${web}/app`, partialMatch: false },
  { type: 'web-feature', pattern: `${web}/features/*`, partialMatch: false, capture: ['feature'] },
  { type: 'web-shared', pattern: `${web}/shared`, partialMatch: false },

  // The server, by folder.
  { type: 'errors', pattern: `${proxy}/errors.ts`, mode: 'full' },
  { type: 'ids', pattern: `${proxy}/ids.ts`, mode: 'full' },
  { type: 'lazy', pattern: `${proxy}/lazy.ts`, mode: 'full' },
  { type: 'app', pattern: `${proxy}/{app,server,services}.ts`, mode: 'full' },
  { type: 'config', pattern: `${proxy}/config.ts`, mode: 'full' },
  { type: 'cli', pattern: `${proxy}/cli.ts`, mode: 'full' },
  { type: 'cli', pattern: `${proxy}/cli`, partialMatch: false },
  { type: 'engine', pattern: `${proxy}/engine`, partialMatch: false },
  { type: 'ports', pattern: `${proxy}/ports`, partialMatch: false },
  { type: 'secrets', pattern: `${proxy}/secrets`, partialMatch: false },
  { type: 'storage', pattern: `${proxy}/storage`, partialMatch: false },
  { type: 'oauth', pattern: `${proxy}/oauth`, partialMatch: false },
  { type: 'team', pattern: `${proxy}/team`, partialMatch: false },
  { type: 'send', pattern: `${proxy}/send`, partialMatch: false },
  { type: 'import-export', pattern: `${proxy}/import-export`, partialMatch: false },
  { type: 'scripting', pattern: `${proxy}/scripting`, partialMatch: false },
  { type: 'runner', pattern: `${proxy}/runner`, partialMatch: false },
  { type: 'realtime', pattern: `${proxy}/realtime`, partialMatch: false },
  { type: 'capture', pattern: `${proxy}/capture`, partialMatch: false },
  // Mock servers: the store over their tables is storage (storage/open-store.ts opens it), the rest is the listener and its routes.
  { type: 'storage', pattern: `${proxy}/mock/mock-store.ts`, mode: 'full' },
  { type: 'mock', pattern: `${proxy}/mock`, partialMatch: false },
  // Issue 19: the workspace kept as files, its sync with the database, and git.
  { type: 'workspace-files', pattern: `${proxy}/workspace-files`, partialMatch: false },
  { type: 'routes', pattern: `${proxy}/routes`, partialMatch: false },
  { type: 'plugins', pattern: `${proxy}/plugins`, partialMatch: false },
  { type: 'memory', pattern: `${proxy}/memory`, partialMatch: false },
  { type: 'server-test', pattern: `${proxy}/test`, partialMatch: false },

  // The browser tests drive a real server and page; they import only each other.
  { type: 'e2e', pattern: 'e2e', partialMatch: false },
]

/** Files that are tests whatever element holds them. */
export const files = [
  { category: 'test', pattern: '**/*.test.{ts,tsx}' },
  // The test helper that builds the whole Fastify app.
  { category: 'builds-app', pattern: `${proxy}/test/build-test-app.ts` },
]

const proxyTypes = [
  'errors',
  'ids',
  'lazy',
  'app',
  'config',
  'cli',
  'engine',
  'ports',
  'secrets',
  'storage',
  'oauth',
  'team',
  'send',
  'import-export',
  'scripting',
  'runner',
  'realtime',
  'capture',
  'mock',
  'workspace-files',
  'routes',
  'plugins',
  'memory',
  'server-test',
]

/** Any file of the repository (the target of a local import). */
const anyLocal = { module: { origin: 'local' } }

/** `from` may import the element types in `to` (its own type included where listed). */
const may = (from, to, message) => ({
  from: { element: { type: from } },
  allow: { to: { element: { type: to } } },
  ...(message ? { message } : {}),
})

// Default: disallow. The last matching policy wins, so exemptions come after the general rules.
export const policies = [
  may('shared', ['shared']),
  may('scripts', ['scripts', 'shared']),

  may('web-app', ['web-app', 'web-shared', 'shared']),
  // app/ reaches a feature only through its index.
  {
    from: { element: { type: 'web-app' } },
    allow: { to: { element: { type: 'web-feature', fileInternalPath: 'index.{ts,tsx}' } } },
  },
  // A feature reaches another feature only through its index (its own files are internal and free).
  may('web-feature', ['web-shared', 'shared']),
  {
    from: { element: { type: 'web-feature' } },
    allow: { to: { element: { type: 'web-feature', fileInternalPath: 'index.{ts,tsx}' } } },
  },
  may('web-shared', ['web-shared', 'shared']),

  may('engine', ['engine', 'ports', 'errors', 'ids', 'shared']),
  may('ports', ['ports', 'shared']),
  may('secrets', ['secrets', 'errors', 'ids']),
  may('storage', ['storage', 'secrets', 'ports', 'errors', 'ids', 'lazy', 'shared']),
  may('oauth', ['oauth', 'engine', 'storage', 'secrets', 'ports', 'errors', 'ids', 'lazy', 'shared']),
  may('team', ['team', 'storage', 'secrets', 'ports', 'errors', 'ids', 'lazy', 'shared']),
  may('send', ['send', 'engine', 'storage', 'oauth', 'team', 'secrets', 'ports', 'errors', 'ids', 'lazy', 'shared']),
  may('import-export', ['import-export', 'send', 'engine', 'storage', 'errors', 'ids', 'lazy', 'shared']),
  may('scripting', ['scripting', 'scripts', 'send', 'storage', 'team', 'ports', 'errors', 'ids', 'lazy', 'shared']),
  may('runner', [
    'runner',
    'scripting',
    'scripts',
    'send',
    'storage',
    'team',
    'import-export',
    'errors',
    'ids',
    'shared',
  ]),
  // Realtime sessions: prepared as a send, through the engine's connector; their route reads the session cookie.
  may('realtime', [
    'realtime',
    'send',
    'engine',
    'storage',
    'oauth',
    'team',
    'plugins',
    'routes',
    'ports',
    'errors',
    'ids',
    'lazy',
    'shared',
  ]),
  // Capture mounts (issue 18): the forwarder is a Fastify plugin over the engine's connector,
  // the send path's masking and recording, and the realtime policy agent.
  may('capture', [
    'capture',
    'send',
    'engine',
    'storage',
    'team',
    'plugins',
    'routes',
    'realtime',
    'secrets',
    'ports',
    'errors',
    'ids',
    'lazy',
    'shared',
  ]),
  // Workspace files (issue 19): the sync reads and writes the stores and publishes on the bus; git is a child process.
  may('workspace-files', ['workspace-files', 'storage', 'secrets', 'ports', 'errors', 'ids', 'lazy', 'shared']),
  // "Anything": every local file (including a folder not yet in this list), but routes and plugins
  // do not reach into the CLI or the runner.
  { from: { element: { type: ['routes', 'plugins', 'mock', 'cli', 'app', 'config'] } }, allow: { to: anyLocal } },
  {
    from: { element: { type: ['routes', 'plugins', 'mock'] } },
    disallow: { to: { element: { type: ['cli', 'runner'] } } },
  },
  may('errors', ['errors', 'shared']),
  may('ids', ['ids']),
  may('memory', ['memory']),
  may('lazy', ['lazy']),

  may('e2e', ['e2e']),

  // Server test helpers and server tests may import anything...
  { from: { element: { type: 'server-test' } }, allow: { to: anyLocal } },
  { from: { element: { type: proxyTypes }, file: { categories: 'test' } }, allow: { to: anyLocal } },
  // ...except that an engine test does not start the server to get a temp folder (use src/test/).
  {
    from: { element: { type: 'engine' }, file: { categories: 'test' } },
    disallow: { to: [{ element: { type: 'app' } }, { file: { categories: 'builds-app' } }] },
    message:
      'An engine test does not build the server: take a temp folder or an upstream from a helper in src/test/ that imports no app.ts or server.ts.',
  },
]

/** Server parts that know no HTTP framework: they also run from the CLI and from tests without Fastify. */
export const noFastify = [
  `${proxy}/engine/**`,
  `${proxy}/storage/**`,
  `${proxy}/send/**`,
  `${proxy}/runner/**`,
  `${proxy}/scripting/**`,
  `${proxy}/oauth/**`,
  `${proxy}/team/**`,
  `${proxy}/workspace-files/**`,
]
/** Files in those folders that are the Fastify side of the part (a plugin or routes). */
export const fastifyAdapters = []
