import { BlockList, isIP } from 'node:net'
import type { AllowList } from './allow-list.js'
import { embeddedIpv4 } from './embedded-ipv4.js'

/** What kind of address a socket would reach (RFC 6890 registry and friends). */
export type AddressClass =
  'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'reserved' | 'documentation'

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
  ['2001:2::', 48, 'reserved'], // benchmarking
  ['2001:10::', 28, 'reserved'], // ORCHID
  ['2001:20::', 28, 'reserved'], // ORCHIDv2
  ['3fff::', 20, 'documentation'],
  ['5f00::', 16, 'reserved'], // SRv6 SIDs
  ['fec0::', 10, 'private'], // deprecated site-local
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

/**
 * Cloud metadata endpoints outside 169.254/16, classed as link-local so the same rule blocks them:
 * Alibaba Cloud 100.100.100.200 (in CGNAT space), Azure's wireserver 168.63.129.16, Oracle
 * Cloud's 192.0.0.192; AWS IMDS over IPv6 fd00:ec2::254, GCP's fd20:ce::254.
 */
const METADATA_V4 = new Set(['100.100.100.200', '168.63.129.16', '192.0.0.192'])
const METADATA_V6 = new Set(['fd00:ec2:0:0:0:0:0:254', 'fd20:ce:0:0:0:0:0:254'])
/** Metadata and credential endpoints inside 169.254/16: the classic IMDS, AWS ECS task and EKS Pod Identity agents. */
const METADATA_LINK_LOCAL = new Set(['169.254.169.254', '169.254.170.2', '169.254.170.23'])

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

/** Picks, of several classes one address falls in, the one a policy is strictest about. */
const STRICTNESS: AddressClass[] = [
  'link-local',
  'unspecified',
  'multicast',
  'reserved',
  'documentation',
  'loopback',
  'private',
  'public',
]
function strictest(kinds: AddressClass[]): AddressClass {
  return STRICTNESS.find((kind) => kinds.includes(kind)) ?? 'reserved'
}

function classifyIpv4(address: string): AddressClass {
  if (METADATA_V4.has(address)) return 'link-local'
  for (const [kind, list] of lists) if (list.check(address, 'ipv4')) return kind
  return 'public'
}

function classifyIpv6(bare: string, groups: number[]): AddressClass {
  if (METADATA_V6.has(groups.map((g) => g.toString(16)).join(':'))) return 'link-local'
  for (const [kind, list] of lists) if (list.check(bare, 'ipv6')) return kind
  // ::/8 is IETF-reserved (its IPv4 forms are handled before); BlockList would match IPv4 against it.
  return groups[0]! < 0x100 ? 'reserved' : 'public'
}

/**
 * Classifies an IP literal (v4 or v6, brackets allowed). Anything unparseable is `reserved`.
 * An IPv6 address that carries an IPv4 address (see embedded-ipv4.ts) is treated as that IPv4
 * address, or as the strictest of it and the IPv6 address for tunnel forms.
 */
export function classifyAddress(address: string): AddressClass {
  const bare = address.startsWith('[') ? address.slice(1, -1) : address
  const family = isIP(bare)
  if (family === 4) return classifyIpv4(bare)
  const groups = ipv6Groups(bare)
  if (!groups) return 'reserved'
  const embedded = embeddedIpv4(groups)
  if (!embedded) return classifyIpv6(bare, groups)
  const kinds = embedded.candidates.map(classifyIpv4)
  if (!embedded.replacesOuter) kinds.push(classifyIpv6(bare, groups))
  if (embedded.floor) kinds.push(embedded.floor)
  return strictest(kinds)
}

/**
 * Whether an address is a cloud metadata endpoint (in any IPv6 form that carries it): an admin's
 * network entry never covers these, only an entry naming the exact address (allow-list.ts).
 */
export function isMetadataAddress(address: string): boolean {
  const bare = address.startsWith('[') ? address.slice(1, -1) : address
  const v4 = (text: string) => METADATA_V4.has(text) || METADATA_LINK_LOCAL.has(text)
  if (isIP(bare) === 4) return v4(bare)
  const groups = ipv6Groups(bare)
  if (!groups) return false
  if (METADATA_V6.has(groups.map((g) => g.toString(16)).join(':'))) return true
  return embeddedIpv4(groups)?.candidates.some(v4) ?? false
}

export type DestinationPolicy = {
  /** Classes a send may reach. Localhost mode allows loopback and private: testing local APIs is the product. */
  allowed: ReadonlySet<AddressClass>
  /** Host:port pairs Courier itself listens on; never a target (self-SSRF). */
  selfPorts: ReadonlySet<number>
  /** The admin's exceptions (hosts matched on the URL's name, networks on the connected address). */
  allowList?: AllowList
  /**
   * A team server: a request's own "allow link-local" switch does not count (the person sending is
   * not the server's admin), and a refusal says the admin can allow the target.
   */
  team?: boolean
}

export const LOCAL_DESTINATIONS: ReadonlySet<AddressClass> = new Set(['public', 'loopback', 'private'])
export const TEAM_DESTINATIONS: ReadonlySet<AddressClass> = new Set(['public'])

/** Names that reach cloud metadata services whatever they resolve to. */
const METADATA_NAMES = new Set([
  'metadata', // GCP's short name
  'metadata.google.internal',
  'metadata.goog',
  'instance-data', // AWS
  'instance-data.ec2.internal',
  'metadata.tencentyun.com', // Tencent Cloud
  'metadata.platformequinix.com', // Equinix Metal
  'metadata.packet.net',
])
/** Domains whose every subdomain is the metadata service too. */
const METADATA_DOMAINS = ['metadata.google.internal', 'metadata.goog']

/** Checked on the URL's host name before any lookup (and on every redirect hop). */
export function isMetadataHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '')
  return METADATA_NAMES.has(name) || METADATA_DOMAINS.some((domain) => name.endsWith(`.${domain}`))
}

/** Said after a team server's refusal: who can change it, and how. */
export const ADMIN_CAN_ALLOW =
  "if you need it, ask this server's admin to add the host or its network to the allow-list (COURIER_ALLOW_TARGETS or --allow-target)"

/**
 * Why an address may not be reached under a policy, or null when it may. `hostname` is the URL's
 * host name for this hop (what the allow-list's host entries match); `address` the one connected to.
 */
export function destinationProblem(
  address: string,
  port: number,
  policy: DestinationPolicy,
  allowLinkLocal = false,
  hostname?: string,
): string | null {
  const kind = classifyAddress(address)
  if ((kind === 'loopback' || kind === 'unspecified') && policy.selfPorts.has(port)) {
    return 'it is Courier itself'
  }
  if (kind === 'link-local' && allowLinkLocal && !policy.team) return null
  if (policy.allowed.has(kind)) return null
  if (policy.allowList?.permits(hostname ?? address, address)) return null
  const problem =
    kind === 'link-local' ? 'link-local and cloud metadata addresses are blocked' : `${kind} addresses are blocked`
  return policy.team ? `${problem} on this team server; ${ADMIN_CAN_ALLOW}` : problem
}
