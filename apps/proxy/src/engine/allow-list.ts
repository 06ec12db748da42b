import { BlockList, isIP } from 'node:net'
import { isMetadataAddress, isMetadataHostname } from './address-policy.js'

/** A name as written in a URL or an allow-list: lower case, no trailing dots, no IPv6 brackets. */
function normalName(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
}

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?'
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`)

const EXAMPLES =
  'write a host name (api.internal), a wildcard (*.corp.example), an address (10.0.0.5) or a network (10.20.0.0/16, fd00::/8)'

/** A bad allow-list entry; the message names where it came from, the entry and what to write instead. */
export class AllowListError extends Error {}

/**
 * The admin's exceptions to the destination policy, from the server's configuration. Host entries
 * (`internal.example.com`, `*.corp.example`) match the host name of the URL being sent (each
 * redirect hop's own); address and network entries (`10.0.0.5`, `10.20.0.0/16`, `fd00::/8`) match
 * the address Courier actually connects to. Cloud metadata is never covered by a network or a
 * wildcard: only an entry naming exactly that address (or that metadata host name) allows it.
 */
export class AllowList {
  private readonly hosts = new Set<string>()
  private readonly suffixes: string[] = []
  private readonly networks = new BlockList()
  private readonly exact = new BlockList()

  /** The entries as configured (normalised), for the docs and the info route. */
  readonly entries: readonly string[]

  private constructor(entries: string[]) {
    this.entries = entries
  }

  /** Parses comma- or space-separated entries; `source` names where they came from in an error. */
  static parse(values: readonly string[], source = 'COURIER_ALLOW_TARGETS'): AllowList {
    const entries = values.flatMap((value) => value.split(/[\s,]+/)).filter((entry) => entry !== '')
    const list = new AllowList(entries.map((entry) => entry.toLowerCase()))
    for (const entry of entries) list.add(entry, source)
    return list
  }

  static readonly EMPTY: AllowList = AllowList.parse([])

  get isEmpty(): boolean {
    return this.entries.length === 0
  }

  private add(raw: string, source: string): void {
    const entry = raw.toLowerCase()
    const bad = (why: string) => new AllowListError(`${source}: "${raw}" ${why}; ${EXAMPLES}.`)
    if (entry.includes('://')) throw bad('is a URL; write the host name alone, without scheme, port or path')
    if (entry.includes('/')) {
      const [net = '', prefixText = '', ...rest] = entry.split('/')
      const address = net.replace(/^\[|\]$/g, '')
      const family = isIP(address)
      if (family === 0 || rest.length > 0) throw bad('is not a network: the part before / must be an IP address')
      const max = family === 4 ? 32 : 128
      const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN
      if (!(prefix >= 0 && prefix <= max)) throw bad(`has no valid prefix length: it must be 0 to ${max}`)
      const kind = family === 4 ? 'ipv4' : 'ipv6'
      this.networks.addSubnet(address, prefix, kind)
      if (prefix === max) this.exact.addAddress(address, kind)
      return
    }
    const address = entry.replace(/^\[|\]$/g, '')
    const family = isIP(address)
    if (family !== 0) {
      const kind = family === 4 ? 'ipv4' : 'ipv6'
      this.networks.addAddress(address, kind)
      this.exact.addAddress(address, kind)
      return
    }
    if (entry.includes(':')) throw bad('has a port; the allow-list takes host names and networks, any port')
    if (entry.startsWith('*.')) {
      const domain = normalName(entry.slice(2))
      if (!HOST_NAME.test(domain)) throw bad('is not a valid wildcard: what follows *. must be a host name')
      this.suffixes.push(`.${domain}`)
      return
    }
    if (entry.includes('*')) throw bad('has a * that is not at the start; a wildcard is written *.domain')
    const name = normalName(entry)
    if (!HOST_NAME.test(name)) throw bad('is not a valid host name')
    this.hosts.add(name)
  }

  /** Whether the URL's host name is on the list (a metadata name only when listed exactly). */
  permitsHost(hostname: string): boolean {
    const name = normalName(hostname)
    if (this.hosts.has(name)) return true
    if (isMetadataHostname(name)) return false
    return this.suffixes.some((suffix) => name.endsWith(suffix))
  }

  /** Whether the list lets `hostname` reach the connected `address` (metadata addresses only by exact entry). */
  permits(hostname: string, address: string): boolean {
    const bare = address.replace(/^\[|\]$/g, '')
    const family = isIP(bare)
    if (family === 0) return false
    const kind = family === 4 ? 'ipv4' : 'ipv6'
    if (isMetadataAddress(bare)) return this.exact.check(bare, kind)
    return this.permitsHost(hostname) || this.networks.check(bare, kind)
  }
}
