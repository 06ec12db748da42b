import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import type { TestApp } from './build-test-app.js'

/** A file of the shared converters' fixtures, as text. */
export const fixture = (name: string) =>
  readFileSync(new URL(`../../../../packages/shared/src/convert/fixtures/${name}`, import.meta.url), 'utf8')

/** Previews `text` as an import and commits it; answers the report and what was committed. */
export async function importAndCommit(app: TestApp, text: string) {
  const preview = await app.api({
    method: 'POST',
    url: '/api/import/preview',
    payload: { source: { kind: 'text', text } },
  })
  expect(preview.statusCode).toBe(200)
  const commit = await app.api({ method: 'POST', url: '/api/import/commit', payload: { result: preview.json() } })
  expect(commit.statusCode).toBe(201)
  return { report: preview.json().report, committed: commit.json() }
}
