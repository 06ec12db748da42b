// A data folder holding COUNT history entries as sends leave them, for start-time.mjs: one real
// send (Courier's own performSend, to a local upstream answering 1 KB of JSON) gives the entry and
// its body; COUNT copies of it, each under a new id and a second apart, go in through the store's
// append (its full-text row too, in group-commit batches) with a sealed body file each.
// Run: node --import tsx bench/fill-history.ts DATA_DIR COUNT   (tsx from apps/proxy)
import { createServer } from 'node:http'
import { join } from 'node:path'
import { SendInputSchema } from '../packages/shared/src/index.js'
import { newId } from '../apps/proxy/src/ids.js'
import { openServices } from '../apps/proxy/src/services.js'
import { LOCAL_DESTINATIONS } from '../apps/proxy/src/engine/address-policy.js'
import { performSend } from '../apps/proxy/src/send/perform-send.js'

const [dataDir, countText] = process.argv.slice(2)
const count = Number(countText)
if (!dataDir || !(count > 0)) throw new Error('Usage: fill-history.ts DATA_DIR COUNT')

const body = JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `item ${i}` })) })
const upstream = createServer((_request, response) =>
  response.writeHead(200, { 'content-type': 'application/json' }).end(body),
)
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
const address = upstream.address()
const port = typeof address === 'object' && address ? address.port : 0

const services = await openServices({
  database: { kind: 'sqlite', path: join(dataDir, 'courier.sqlite') },
  dataDir,
  outbound: {
    policy: { allowed: LOCAL_DESTINATIONS, selfPorts: new Set(), team: false },
    userAgent: 'Courier/bench',
    extraCa: [],
  },
  oauthRedirectUri: () => 'http://127.0.0.1:1/oauth/callback',
  origins: () => new Set(),
})
const { record } = await performSend(
  SendInputSchema.parse({ request: { method: 'GET', url: `http://127.0.0.1:${port}/orders?page=1` } }),
  { ...services, log: console },
)
upstream.close()
const sent = await services.store.history.get(record.id)
if (!sent) throw new Error('The first send left no history entry')
const template = JSON.stringify(sent)
const bodyBytes = Buffer.from(await services.bodies.readText(record.id))
const searchText = `${sent.method} ${sent.url}\n${sent.status}\n${bodyBytes.toString()}`
const startedMs = Date.now() - count * 1000

const BATCH = 500
for (let from = 0; from < count; from += BATCH) {
  const ids = Array.from({ length: Math.min(BATCH, count - from) }, () => newId())
  await Promise.all(
    ids.map(async (id, i) => {
      const entry = JSON.parse(template.replaceAll(record.id, id))
      entry.createdAt = new Date(startedMs + (from + i) * 1000).toISOString()
      const sink = services.bodies.openSink(id)
      await sink.write(bodyBytes)
      await sink.end()
      await services.store.history.append(entry, searchText)
    }),
  )
}
await services.close()
