import { readFileSync } from 'node:fs'
import { it } from 'vitest'
import { importText } from '../import-text.js'
import { exportInsomniaV5 } from '../insomnia/export-insomnia-v5.js'
it('x', async () => {
  const r = await importText(readFileSync(new URL('../insomnia/fixtures/security_collection.yaml', import.meta.url), 'utf8'))
  console.log(JSON.stringify(r.report, null, 1).slice(0, 3000))
  for (const i of r.collections[0]!.items) console.log(i.kind, i.name, i.kind === 'request' ? JSON.stringify(i.request).slice(0, 400) : JSON.stringify(i).slice(0,300))
  console.log(JSON.stringify(r.environments), JSON.stringify(r.collections[0]!.variables))
  console.log(exportInsomniaV5(r.collections[0]!).text.slice(0, 2000))
  for (const f of ['coll-v2-req-v3.json', 'collection-with-variables.json', 'multipart-form-data-coll.json', 'env-flag-envs.json']) {
    try {
    const h = await importText(readFileSync(new URL('../hoppscotch/fixtures/' + f, import.meta.url), 'utf8'))
    console.log(f, JSON.stringify(h.report).slice(0, 1500))
    for (const i of h.collections[0]?.items ?? []) console.log(i.kind, i.name, i.kind === 'request' ? JSON.stringify(i.request).slice(0, 300) : '')
    } catch (e) { console.log(f, String(e)) }
  }
})
