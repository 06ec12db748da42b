import type { RequestSpecInput } from '@courier/shared'
import type { SendContext } from '../engine/send-request.js'
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings } from '../engine/settings.js'
import { engineSend } from './engine-send.js'
import { testBodyStore } from './stores.js'

/** One engine send with test settings; the record gains `storedBody()`, the bytes the body store kept. */
export function send(
  input: RequestSpecInput,
  overrides: Partial<SendContext> & { settings?: Partial<EngineSettings> } = {},
) {
  const bodies = testBodyStore()
  const { settings, ...rest } = overrides
  const pending = engineSend(input, { defaults: { ...DEFAULT_ENGINE_SETTINGS, ...settings }, ...rest }, bodies)
  return pending.then((record) => {
    const storedBody = async () => {
      const chunks: Buffer[] = []
      for await (const chunk of bodies.read(record.id)) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    }
    return Object.assign(record, { storedBody })
  })
}

/** Header pairs with lower-case names. */
export const lower = (headers: [string, string][]) => headers.map(([name, value]) => [name.toLowerCase(), value])
