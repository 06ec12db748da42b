// The import rules of eslint.config.js (docs/architecture.md, "Where a new capability goes") run
// here on a scratch copy of the target layout, so a rule that stops matching fails a test instead
// of going quiet. It lives in the server's suite because the root has no Vitest run of its own.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ESLint, type Linter } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const repoRoot = resolve(import.meta.dirname, '../../../..')

/** The files imported by the probes, at their target-layout paths. */
const layout: Record<string, string> = {
  'packages/shared/package.json': JSON.stringify({
    name: '@courier/shared',
    type: 'module',
    exports: { '.': './src/index.ts' },
  }),
  'packages/shared/src/index.ts': "export * from './error-codes.js'\n",
  'packages/shared/src/error-codes.ts': "export const codes = ['X'] as const\n",
  'apps/proxy/src/app.ts': 'export const app = 1\n',
  'apps/proxy/src/server.ts': 'export const server = 1\n',
  'apps/proxy/src/errors.ts': 'export class CourierError extends Error {}\n',
  'apps/proxy/src/ids.ts': 'export const newId = () => 1\n',
  'apps/proxy/src/engine/exchange.ts': 'export const exchange = 1\n',
  'apps/proxy/src/ports/body-sink.ts': 'export type BodySink = { write(chunk: Uint8Array): void }\n',
  'apps/proxy/src/secrets/secret-box.ts': 'export const seal = 1\n',
  'apps/proxy/src/storage/store.ts': 'export const store = 1\n',
  'apps/proxy/src/oauth/token-vault.ts': 'export const vault = 1\n',
  'apps/proxy/src/send/perform-send.ts': 'export const performSend = 1\n',
  'apps/proxy/src/routes/send-routes.ts': 'export const routes = 1\n',
  'apps/proxy/src/test/temp-dir.ts': 'export const tempDir = () => 1\n',
  'apps/proxy/src/test/build-test-app.ts': "export { app } from '../app.js'\n",
  'apps/web/src/app/App.tsx': 'export const App = 1\n',
  'apps/web/src/features/history/index.ts': "export { HistoryList } from './HistoryList'\n",
  'apps/web/src/features/history/HistoryList.tsx': 'export const HistoryList = 1\n',
  'apps/web/src/shared/ui/Dialog.tsx': 'export const Dialog = 1\n',
  'e2e/pages/editor-page.ts': 'export const EditorPage = 1\n',
}

let root: string
let eslint: ESLint

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'courier-lint-'))
  for (const [path, text] of Object.entries(layout)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  // As pnpm links the workspace package: the contract is reached by its name.
  mkdirSync(join(root, 'node_modules/@courier'), { recursive: true })
  symlinkSync(join(root, 'packages/shared'), join(root, 'node_modules/@courier/shared'), 'dir')
  const { courierConfig } = (await import(pathToFileURL(join(repoRoot, 'eslint.config.js')).href)) as {
    courierConfig: (root: string) => Linter.Config[]
  }
  eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: courierConfig(root) })
}, 60_000) // loading ESLint and its plugins takes seconds on a busy machine

afterAll(() => rmSync(root, { recursive: true, force: true }))

/** The rule ids reported for `code` written at `path`, import rules only. */
async function importFindings(path: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) })
  const fatal = result!.messages.filter((message) => message.fatal)
  expect(fatal, 'the probe parses').toEqual([])
  return result!.messages
    .filter((message) => /^boundaries\/|^no-restricted-imports$/.test(message.ruleId ?? ''))
    .map((message) => `${message.ruleId}: ${message.message}`)
}

describe('import rules', { timeout: 60_000 }, () => {
  it.each([
    ['the engine importing storage', 'apps/proxy/src/engine/send.ts', "import { store } from '../storage/store.js'"],
    [
      'storage importing the engine (even a type)',
      'apps/proxy/src/storage/body-store.ts',
      "import type { exchange } from '../engine/exchange.js'",
    ],
    [
      'storage importing the send service',
      'apps/proxy/src/storage/history.ts',
      "import { performSend } from '../send/perform-send.js'",
    ],
    ['the engine importing the app', 'apps/proxy/src/engine/send.ts', "import { app } from '../app.js'"],
    ['secrets importing the contract', 'apps/proxy/src/secrets/keys.ts', "import { codes } from '@courier/shared'"],
    [
      'the browser importing server code',
      'apps/web/src/features/history/use-history.ts',
      "import { exchange } from '../../../../proxy/src/engine/exchange.js'",
    ],
    [
      'a feature importing a file inside another feature',
      'apps/web/src/features/collections/Tree.tsx',
      "import { HistoryList } from '../history/HistoryList'",
    ],
    [
      'the app shell importing a file inside a feature',
      'apps/web/src/app/Sidebar.tsx',
      "import { HistoryList } from '../features/history/HistoryList'",
    ],
    [
      'web shared importing a feature',
      'apps/web/src/shared/ui/Panel.tsx',
      "import { HistoryList } from '../../features/history'",
    ],
    [
      'a feature importing the app shell',
      'apps/web/src/features/collections/Tree.tsx',
      "import { App } from '../../app/App'",
    ],
    [
      'the contract importing an app',
      'packages/shared/src/spec.ts',
      "import { exchange } from '../../../apps/proxy/src/engine/exchange.js'",
    ],
    [
      'the contract re-exporting the browser',
      'packages/shared/src/spec.ts',
      "export { App } from '../../../apps/web/src/app/App'",
    ],
    [
      'an engine test importing the server',
      'apps/proxy/src/engine/send.test.ts',
      "import { server } from '../server.js'",
    ],
    [
      'an engine test importing the helper that builds the app',
      'apps/proxy/src/engine/send.test.ts',
      "import { app } from '../test/build-test-app.js'",
    ],
    ['e2e importing the web sources', 'e2e/specs/history.spec.ts', "import { App } from '../../apps/web/src/app/App'"],
  ])('reports %s', async (_name, path, code) => {
    const findings = await importFindings(path, code)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatch(/^boundaries\/dependencies: /)
  })

  it.each([
    [
      'the engine importing the engine, ports, errors, ids and the contract',
      'apps/proxy/src/engine/send.ts',
      "import { exchange } from './exchange.js'\nimport type { BodySink } from '../ports/body-sink.js'\nimport { CourierError } from '../errors.js'\nimport { newId } from '../ids.js'\nimport { codes } from '@courier/shared'",
    ],
    [
      'storage importing ports, secrets and the contract',
      'apps/proxy/src/storage/body-store.ts',
      "import type { BodySink } from '../ports/body-sink.js'\nimport { seal } from '../secrets/secret-box.js'\nimport { codes } from '@courier/shared'",
    ],
    [
      'send importing the engine, storage and oauth',
      'apps/proxy/src/send/steps.ts',
      "import { exchange } from '../engine/exchange.js'\nimport { store } from '../storage/store.js'\nimport { vault } from '../oauth/token-vault.js'",
    ],
    [
      'routes importing anything but the CLI and runner',
      'apps/proxy/src/routes/history-routes.ts',
      "import { performSend } from '../send/perform-send.js'\nimport { app } from '../app.js'\nimport Fastify from 'fastify'",
    ],
    [
      'a route test importing the helper that builds the app',
      'apps/proxy/src/routes/send-routes.test.ts',
      "import { app } from '../test/build-test-app.js'",
    ],
    [
      'an engine test importing a test helper and storage',
      'apps/proxy/src/engine/send.test.ts',
      "import { tempDir } from '../test/temp-dir.js'\nimport { store } from '../storage/store.js'",
    ],
    [
      'a feature importing another through its index, web shared and the contract',
      'apps/web/src/features/collections/Tree.tsx',
      "import { HistoryList } from '../history'\nimport { Dialog } from '../../shared/ui/Dialog'\nimport { codes } from '@courier/shared'",
    ],
    [
      'a feature importing its own files',
      'apps/web/src/features/history/HistoryPage.tsx',
      "import { HistoryList } from './HistoryList'",
    ],
    [
      'the app shell importing a feature index',
      'apps/web/src/app/Sidebar.tsx',
      "import { HistoryList } from '../features/history'",
    ],
    ['the contract importing itself', 'packages/shared/src/spec.ts', "import { codes } from './error-codes.js'"],
    [
      'e2e importing e2e and Playwright',
      'e2e/specs/history.spec.ts',
      "import { EditorPage } from '../pages/editor-page.js'\nimport { test } from '@playwright/test'",
    ],
  ])('allows %s', async (_name, path, code) => {
    expect(await importFindings(path, code)).toEqual([])
  })

  it.each([
    ['the engine', 'apps/proxy/src/engine/send.ts'],
    ['storage', 'apps/proxy/src/storage/store.ts'],
    ['the send service', 'apps/proxy/src/send/perform-send.ts'],
    ['the runner', 'apps/proxy/src/runner/run-collection.ts'],
    ['an OAuth service file', 'apps/proxy/src/oauth/token-request.ts'],
  ])('keeps Fastify out of %s', async (_name, path) => {
    const findings = await importFindings(path, "import Fastify from 'fastify'\nimport fp from 'fastify-plugin'")
    expect(findings.filter((finding) => finding.startsWith('no-restricted-imports:'))).toHaveLength(2)
  })

  it('reports a server file in a folder the layout does not name', async () => {
    expect(await importFindings('apps/proxy/src/helpers/misc.ts', 'export const x = 1')).toEqual([
      expect.stringMatching(/^boundaries\/no-unknown-files: /),
    ])
  })
})

describe('import rules on the real tree', { timeout: 60_000 }, () => {
  it('loads eslint.config.js from the root and resolves the workspace as the scratch copy does', async () => {
    const real = new ESLint({ cwd: repoRoot })
    const lint = async (path: string, code: string) => {
      const [result] = await real.lintText(code, { filePath: join(repoRoot, path) })
      return result!.messages.map((message) => message.ruleId)
    }
    expect(
      await lint(
        'apps/web/src/features/history/probe.ts',
        "import { endpoints } from '@courier/shared'\nimport { app } from '../../../../proxy/src/app'\nexport { endpoints, app }",
      ),
    ).toEqual(['boundaries/dependencies'])
    expect(
      await lint(
        'apps/proxy/src/engine/probe.ts',
        "import { endpoints } from '@courier/shared'\nimport { CourierError } from '../errors.js'\nimport { app } from '../app.js'\nexport { endpoints, CourierError, app }",
      ),
    ).toEqual(['boundaries/dependencies'])
  })
})
