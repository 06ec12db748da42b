import { BlockList, isIP } from 'node:net'

/** What kind of address a socket would reach (RFC 6890 registry and friends). */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'documentation'

const V4_RANGES: [string, number, AddressClass][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'], // CGNAT, RFC 6598
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // cloud metadata lives here
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes 255.255.255.255
]

const V6_RANGES: [string, number, AddressClass][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'reserved'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'private'], // ULA, includes fd00:ec2::254 (AWS metadata) — see below
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
]

const lists = new Map<AddressClass, BlockList>()
function listFor(kind: AddressClass): BlockList {
  let list = lists.get(kind)
  if (!list) lists.set(kind, (list = new BlockList()))
  return list
}
for (const [net, prefix, kind] of V4_RANGES) listFor(kind).addSubnet(net, prefix, 'ipv4')
for (const [net, prefix, kind] of V6_RANGES) listFor(kind).addSubnet(net, prefix, 'ipv6')

/** Cloud metadata endpoints that sit outside link-local space. */
const METADATA_V6 = new Set(['fd00:ec2:0:0:0:0:0:254'])

/** Expands an IPv6 literal to its eight 16-bit groups, or null when it is not one. */
export function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase()
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1)
  if (text.includes('%')) return null // zone ids are never accepted
  if (isIP(text) !== 6) return null
  let tail: number[] = []
  const lastColon = text.lastIndexOf(':')
  const last = text.slice(lastColon + 1)
  if (last.includes('.')) {
    const octets = last.split('.').map(Number)
    tail = [(octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!]
    text = text.slice(0, lastColon + 1) + '0:0'
  }
  const [head, rest] = text.split('::') as [string, string | undefined]
  const headGroups = head === '' ? [] : head.split(':').map((g) => parseInt(g, 16))
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':').map((g) => parseInt(g, 16))
  const fill = rest === undefined ? [] : new Array(8 - headGroups.length - restGroups.length).fill(0)
  const groups = [...headGroups, ...fill, ...restGroups]
  if (tail.length) groups.splice(6, 2, ...tail)
  return groups.length === 8 ? groups : null
}

function v4FromGroups(hi: number, lo: number): string {
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`
}

/** IPv4 addresses hidden inside IPv6 forms: mapped, NAT64, 6to4, Teredo. */
function embeddedIpv4(groups: number[]): string | null {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number]
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0) && (g5 === 0xffff || g6 !== 0)) {
    return v4FromGroups(g6, g7) // ::ffff:a.b.c.d and deprecated ::a.b.c.d
  }
  if (g0 === 0x64 && g1 === 0xff9b && ((g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) || g2 === 1)) {
    return v4FromGroups(g6, g7) // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
  }
  if (g0 === 0x2002) return v4FromGroups(g1, g2) // 6to4
  if (g0 === 0x2001 && g1 === 0) return v4FromGroups(g6 ^ 0xffff, g7 ^ 0xffff) // Teredo client, obfuscated
  return null
}

/** Classifies an IP literal (v4 or v6, brackets allowed). Anything unparseable is `reserved`. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.startsWith('[') ? address.slice(1, -1) : address
  const family = isIP(bare)
  if (family === 4) {
    for (const [kind, list] of lists) if (list.check(bare, 'ipv4')) return kind
    return 'public'
  }
  const groups = ipv6Groups(bare)
  if (!groups) return 'reserved'
  const embedded = embeddedIpv4(groups)
  if (embedded) return classifyAddress(embedded)
  if (METADATA_V6.has(groups.map((g) => g.toString(16)).join(':'))) return 'link-local'
  for (const [kind, list] of lists) if (list.check(bare, 'ipv6')) return kind
  return 'public'
}

export type DestinationPolicy = {
  /** Classes a send may reach. Localhost mode allows loopback and private: testing local APIs is the product. */
  allowed: ReadonlySet<AddressClass>
  /** Host:port pairs Courier itself listens on; never a target (self-SSRF). */
  selfPorts: ReadonlySet<number>
}

export const LOCAL_DESTINATIONS: ReadonlySet<AddressClass> = new Set(['public', 'loopback', 'private'])
export const TEAM_DESTINATIONS: ReadonlySet<AddressClass> = new Set(['public'])

/** Names that reach cloud metadata services whatever they resolve to. */
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal'])

export function isMetadataHostname(hostname: string): boolean {
  return METADATA_NAMES.has(hostname.toLowerCase().replace(/\.$/, ''))
}

/** Why an address may not be reached under a policy, or null when it may. */
export function destinationProblem(
  address: string,
  port: number,
  policy: DestinationPolicy,
  allowLinkLocal = false,
): string | null {
  const kind = classifyAddress(address)
  if ((kind === 'loopback' || kind === 'unspecified') && policy.selfPorts.has(port)) {
    return 'it is Courier itself'
  }
  if (kind === 'link-local' && allowLinkLocal) return null
  if (policy.allowed.has(kind)) return null
  return kind === 'link-local' ? 'link-local and cloud metadata addresses are blocked' : `${kind} addresses are blocked`
}
