import type { ImportBuilder } from '../import-builder.js'
import { arr, isRecord, str } from '../parse-document.js'
import { importInsomnia } from './import-insomnia.js'

type Json = Record<string, unknown>

/** Insomnia 11's YAML export: `type: collection.insomnia.rest/5.0` (or `spec.`… with a design document). */
export function isInsomniaV5(doc: unknown): boolean {
  return (
    isRecord(doc) &&
    typeof doc.type === 'string' &&
    /^(collection|spec|environment)\.insomnia\.rest\/5\.\d+$/.test(doc.type)
  )
}

const SETTINGS_KEPT = new Set(['followRedirects'])

/**
 * v5 nests what v4 listed flat (`collection` → `children`, `environments` → `subEnvironments`, `meta`
 * for ids and descriptions); it is turned into v4 resources and read by the v4 importer, so both
 * versions map auth, bodies, templates and scripts the same way.
 */
export function insomniaV5ToResources(doc: Json, builder: ImportBuilder): Json {
  const resources: Json[] = []
  let next = 0
  const id = (prefix: string, meta: unknown) =>
    isRecord(meta) && typeof meta.id === 'string' ? meta.id : `${prefix}_${++next}`
  const workspaceId = id('wrk', doc.meta)
  const name = str(doc.name, 'Insomnia collection')
  // One top folder named like the collection holds everything: its auth, headers and scripts apply
  // to every request either way, so they become the collection's (Courier's export writes this shape).
  const items = arr(doc.collection).filter(isRecord)
  const only =
    items.length === 1 && Array.isArray(items[0]!.children) && str(items[0]!.name) === name ? items[0]! : null
  const scriptsOf = (item: Json) => (isRecord(item.scripts) ? item.scripts : {})
  resources.push({
    _id: workspaceId,
    _type: 'workspace',
    parentId: null,
    name,
    description:
      (isRecord(doc.meta) ? str(doc.meta.description) : '') ||
      (only && isRecord(only.meta) ? str(only.meta.description) : ''),
    ...(only
      ? {
          authentication: only.authentication,
          headers: only.headers,
          preRequestScript: scriptsOf(only).preRequest,
          afterResponseScript: scriptsOf(only).afterResponse,
        }
      : {}),
  })
  const walk = (items: unknown, parentId: string, path: string) => {
    arr(items)
      .filter(isRecord)
      .forEach((item, index) => {
        const meta = isRecord(item.meta) ? item.meta : {}
        const sortKey = typeof meta.sortKey === 'number' ? meta.sortKey : index
        const where = `${path} › ${str(item.name)}`
        if (Array.isArray(item.children) || (item.url === undefined && item.method === undefined)) {
          const fid = id('fld', meta)
          resources.push({
            _id: fid,
            _type: 'request_group',
            parentId,
            name: item.name,
            description: str(meta.description),
            metaSortKey: sortKey,
            environment: item.environment,
            headers: item.headers,
            authentication: item.authentication,
            preRequestScript: isRecord(item.scripts) ? item.scripts.preRequest : undefined,
            afterResponseScript: isRecord(item.scripts) ? item.scripts.afterResponse : undefined,
          })
          walk(item.children, fid, where)
          return
        }
        const settings = isRecord(item.settings) ? item.settings : {}
        const lost = Object.entries(settings)
          .filter(
            ([key, value]) =>
              !SETTINGS_KEPT.has(key) &&
              !(key === 'renderRequestBody' && value === true) &&
              !(key === 'encodeUrl' && value === true) &&
              !(key === 'rebuildPath' && value === true) &&
              !(key === 'cookies' && isRecord(value) && value.send !== false && value.store !== false),
          )
          .map(([key]) => key)
        if (lost.length)
          builder.skip(
            where,
            `settings ${lost.join(', ')}`,
            'Courier has no per-request equivalent; its defaults apply.',
          )
        resources.push({
          _id: id('req', meta),
          _type: 'request',
          parentId,
          name: item.name,
          description: str(meta.description),
          metaSortKey: sortKey,
          url: item.url,
          method: item.method,
          body: item.body,
          parameters: item.parameters,
          pathParameters: item.pathParameters,
          headers: item.headers,
          authentication: item.authentication,
          preRequestScript: isRecord(item.scripts) ? item.scripts.preRequest : undefined,
          afterResponseScript: isRecord(item.scripts) ? item.scripts.afterResponse : undefined,
          settingFollowRedirects: typeof settings.followRedirects === 'string' ? settings.followRedirects : undefined,
        })
      })
  }
  if (only?.environment !== undefined)
    builder.skip(name, `variables of the top folder “${name}”`, 'They were merged into the collection’s variables.')
  walk(only ? only.children : doc.collection, workspaceId, name)
  if (isRecord(doc.environments)) {
    const base = doc.environments
    const baseId = id('env', base.meta)
    const data = {
      ...(isRecord(base.data) ? base.data : {}),
      ...(only && isRecord(only.environment) ? only.environment : {}),
    }
    resources.push({ _id: baseId, _type: 'environment', parentId: workspaceId, name: base.name, data })
    arr(base.subEnvironments)
      .filter(isRecord)
      .forEach((sub, index) => {
        if (isRecord(sub.meta) && sub.meta.isPrivate === true)
          builder.skip(
            str(sub.name),
            'private environment',
            'Imported like the others; it is shared with everyone who sees this workspace.',
          )
        resources.push({
          _id: id('env', sub.meta),
          _type: 'environment',
          parentId: baseId,
          name: sub.name,
          data: sub.data,
          metaSortKey: isRecord(sub.meta) && typeof sub.meta.sortKey === 'number' ? sub.meta.sortKey : index,
        })
      })
  }
  if (isRecord(doc.cookieJar))
    resources.push({
      _id: id('jar', doc.cookieJar.meta),
      _type: 'cookie_jar',
      parentId: workspaceId,
      name: doc.cookieJar.name,
      cookies: doc.cookieJar.cookies,
    })
  if (doc.spec !== undefined)
    builder.skip(
      name,
      'design document (spec)',
      'Import the OpenAPI document on its own to get its requests; the collection was imported.',
    )
  return { _type: 'export', __export_format: 4, resources }
}

/** Insomnia v5 YAML → collections and environments, through the v4 importer. */
export function importInsomniaV5(doc: unknown, builder: ImportBuilder): void {
  if (!isRecord(doc)) return
  importInsomnia(insomniaV5ToResources(doc, builder), builder)
}
