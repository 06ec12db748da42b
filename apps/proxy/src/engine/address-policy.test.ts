import { describe, expect, it } from 'vitest'
import {
  classifyAddress,
  destinationProblem,
  isMetadataHostname,
  LOCAL_DESTINATIONS,
  TEAM_DESTINATIONS,
} from './address-policy.js'

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.1.2.3', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.100.100.199', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:7f00:1::', 'loopback'],
    ['fd00:ec2::254', 'link-local'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2606:4700:4700::1111', 'public'],
    ['not an address', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind)
  })
})

/**
 * Every known cloud metadata address, and every IPv6 form that carries an IPv4 address, is
 * treated as its target: 'link-local' is the class the policy blocks as "cloud metadata".
 */
describe('metadata addresses and IPv4 embedded in IPv6', () => {
  it.each([
    // Metadata services, whatever range they sit in.
    ['169.254.169.254', 'AWS, Azure, GCP, Oracle, OpenStack IMDS'],
    ['169.254.170.2', 'AWS ECS task metadata'],
    ['169.254.0.23', 'Tencent Cloud metadata'],
    ['100.100.100.200', 'Alibaba Cloud metadata (inside CGNAT 100.64/10)'],
    ['168.63.129.16', 'Azure wireserver'],
    ['192.0.0.192', 'Oracle Cloud legacy metadata'],
    ['fd00:ec2::254', 'AWS IMDS over IPv6'],
    ['fd00:0ec2:0000:0000:0000:0000:0000:0254', 'AWS IMDS over IPv6, written out'],
    ['fd20:ce::254', 'GCP metadata over IPv6'],
    // IPv4-mapped ::ffff:0:0/96.
    ['::ffff:169.254.169.254', 'mapped, dotted'],
    ['::ffff:a9fe:a9fe', 'mapped, hex'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'mapped, written out'],
    ['::ffff:6464:64c8', 'mapped Alibaba'],
    // IPv4-translated ::ffff:0:0:0/96 (RFC 2765).
    ['::ffff:0:a9fe:a9fe', 'translated, hex'],
    ['::ffff:0:169.254.169.254', 'translated, dotted'],
    // IPv4-compatible ::/96 (deprecated).
    ['::169.254.169.254', 'compatible, dotted'],
    ['::a9fe:a9fe', 'compatible, hex'],
    // NAT64 well-known prefix 64:ff9b::/96.
    ['64:ff9b::169.254.169.254', 'NAT64 /96, dotted'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 /96, hex'],
    // NAT64 local-use 64:ff9b:1::/48 (RFC 8215) at each RFC 6052 prefix length.
    ['64:ff9b:1::a9fe:a9fe', 'local-use /96'],
    ['64:ff9b:1:0:a9:fea9:fe00:0', 'local-use /64 (u octet skipped)'],
    ['64:ff9b:1:a9:fe:a9fe::', 'local-use /56'],
    ['64:ff9b:1:a9fe:a9:fe00::', 'local-use /48'],
    // RFC 6052 layouts under 64:ff9b::/32 (not translated by the WKP, but never public).
    ['64:ff9b:a9fe:a9fe::', '64:ff9b::/32 layout'],
    // 6to4 2002::/16.
    ['2002:a9fe:a9fe::', '6to4'],
    ['2002:a9fe:a9fe:1:2:3:4:5', '6to4 with a subnet and interface id'],
    // Teredo 2001::/32: server in clear, client XOR-obfuscated.
    ['2001:0:a9fe:a9fe::1', 'Teredo server'],
    ['2001:0:4136:e378:8000:63bf:5601:5601', 'Teredo client (obfuscated 169.254.169.254)'],
    // ISATAP interface ids (::0:5efe:a.b.c.d and ::200:5efe:a.b.c.d) on any prefix.
    ['2606:4700::5efe:a9fe:a9fe', 'ISATAP, local'],
    ['2606:4700::200:5efe:a9fe:a9fe', 'ISATAP, global u bit'],
    ['2606:4700::5efe:169.254.169.254', 'ISATAP, dotted'],
    ['[::ffff:0:a9fe:a9fe]', 'bracketed'],
  ])('%s (%s) is blocked as metadata', (address) => {
    expect(classifyAddress(address)).toBe('link-local')
    expect(destinationProblem(address, 80, { allowed: LOCAL_DESTINATIONS, selfPorts: new Set() })).toMatch(/metadata/)
  })

  it.each([
    ['::ffff:0:7f00:1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b:1::a00:1', 'private'],
    ['2002:a00:1::', 'private'],
    ['2001:0:7f00:1::f7f7:f7f7', 'loopback'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'],
    ['2606:4700::5efe:a00:1', 'private'],
    ['::ffff:0:6464:64c7', 'private'],
  ])('%s carries a %s IPv4 address and is treated as one', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind)
    expect(destinationProblem(address, 80, { allowed: TEAM_DESTINATIONS, selfPorts: new Set() })).toMatch(
      new RegExp(kind),
    )
  })

  it.each([
    ['64:ff9b::808:808', 'NAT64 of 8.8.8.8'],
    ['64:ff9b:1::808:808', 'local-use NAT64 of 8.8.8.8'],
    ['2002:808:808::1', '6to4 of 8.8.8.8'],
    ['::ffff:0:808:808', 'translated 8.8.8.8'],
    ['2001:4860:4860::8888', 'a plain public address'],
  ])('%s (%s) stays public', (address) => {
    expect(classifyAddress(address)).toBe('public')
  })

  it('keeps the self-port check for embedded loopback', () => {
    expect(
      destinationProblem('::ffff:0:7f00:1', 3210, { allowed: LOCAL_DESTINATIONS, selfPorts: new Set([3210]) }),
    ).toMatch(/Courier itself/)
  })
})

describe('isMetadataHostname', () => {
  it.each([
    'metadata.google.internal',
    'METADATA.GOOGLE.INTERNAL.',
    'metadata.goog',
    'x.metadata.google.internal',
    'metadata',
    'instance-data',
    'instance-data.ec2.internal',
    'metadata.tencentyun.com',
    'metadata.platformequinix.com',
    'metadata.packet.net',
  ])('%s is a metadata name', (name) => {
    expect(isMetadataHostname(name)).toBe(true)
  })
  it.each(['google.internal', 'metadata.example.com', 'example.com'])('%s is not', (name) => {
    expect(isMetadataHostname(name)).toBe(false)
  })
})

describe('destinationProblem', () => {
  const local = { allowed: LOCAL_DESTINATIONS, selfPorts: new Set([3210]) }
  const team = { allowed: TEAM_DESTINATIONS, selfPorts: new Set([3210]) }

  it('lets the local app reach loopback and private APIs: that is the product', () => {
    expect(destinationProblem('127.0.0.1', 8080, local)).toBeNull()
    expect(destinationProblem('192.168.0.10', 80, local)).toBeNull()
  })

  it('never reaches Courier itself or cloud metadata without the opt-in', () => {
    expect(destinationProblem('127.0.0.1', 3210, local)).toMatch(/Courier itself/)
    expect(destinationProblem('169.254.169.254', 80, local)).toMatch(/metadata/)
    expect(destinationProblem('100.100.100.200', 80, local)).toMatch(/metadata/)
    expect(destinationProblem('169.254.169.254', 80, local, true)).toBeNull()
  })

  it('keeps a team server to public addresses', () => {
    expect(destinationProblem('10.0.0.1', 80, team)).toMatch(/private/)
    expect(destinationProblem('8.8.8.8', 443, team)).toBeNull()
  })
})
