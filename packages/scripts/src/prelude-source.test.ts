import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs build script without types
import { bundlePrelude } from '../build-sandbox.mjs'

it('src/generated/prelude-source.ts is the current bundle of sandbox/ (run node build-sandbox.mjs)', async () => {
  const committed = readFileSync(new URL('./generated/prelude-source.ts', import.meta.url), 'utf8')
  expect(committed === (await bundlePrelude())).toBe(true)
})
