import type { ImportBuilder } from '../import-builder.js'
import { arr, isRecord, str } from '../parse-document.js'
import type { Variable } from '../../variables.js'

type Obj = Record<string, unknown>

/**
 * Every server (OpenAPI 3 `servers`, Swagger 2 `schemes` × `host` + `basePath`) becomes an
 * environment holding `baseUrl` and the server's variables with their defaults. Returns a
 * Markdown list of the servers, their variables, descriptions and allowed values for the
 * collection's description (environments have no place for an enum).
 */
export function serverEnvironments(doc: Obj, builder: ImportBuilder, title: string): string {
  const lines: string[] = []
  if (doc.swagger !== undefined) {
    const host = str(doc.host)
    if (!host) return ''
    const schemes = arr(doc.schemes).map(String)
    for (const scheme of schemes.length ? schemes : ['https']) {
      const url = `${scheme}://${host}${str(doc.basePath)}`
      builder.environment(`${title} — ${url}`, [variable('baseUrl', url)])
      lines.push(`- ${url}`)
    }
    return `## Servers\n\n${lines.join('\n')}`
  }
  const servers = arr(doc.servers).filter(isRecord)
  const used = new Set<string>()
  for (const server of servers.slice(0, 100)) {
    const vars = new Map<string, Variable>()
    const url = serverUrl(server, vars)
    const label = str(server.description) || str(server.url)
    let name = `${title} — ${label}`
    for (let n = 2; used.has(name); n++) name = `${title} — ${label} (${n})`
    used.add(name)
    builder.environment(name, [variable('baseUrl', url), ...vars.values()])
    lines.push(`- **${label}**: \`${str(server.url)}\``)
    const defs = isRecord(server.variables) ? server.variables : {}
    for (const [key, def] of Object.entries(defs)) {
      if (!isRecord(def)) continue
      const options = arr(def.enum).map(String)
      lines.push(
        `  - \`${key}\` (default \`${str(def.default)}\`)${options.length ? `, one of ${options.map((o) => `\`${o}\``).join(', ')}` : ''}${str(def.description) ? `: ${str(def.description)}` : ''}`,
      )
    }
  }
  if (servers.length > 100)
    builder.skip(title, `${servers.length - 100} servers`, 'Only the first 100 servers became environments.')
  return lines.length ? `## Servers\n\n${lines.join('\n')}` : ''
}

/** `{scheme}://{host}` server variables become Courier `{{variables}}` with their defaults. */
export function serverUrl(server: Obj, variables: Map<string, Variable>): string {
  const vars = isRecord(server.variables) ? server.variables : {}
  return str(server.url).replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const def = isRecord(vars[name]) ? str((vars[name] as Obj).default) : ''
    if (!variables.has(name)) variables.set(name, { name, value: def, enabled: true, secret: false })
    return `{{${name}}}`
  })
}

const variable = (name: string, value: string): Variable => ({ name, value, enabled: true, secret: false })
