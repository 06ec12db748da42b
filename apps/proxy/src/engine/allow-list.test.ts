import { describe, expect, it } from 'vitest'
import { destinationProblem, TEAM_DESTINATIONS, type DestinationPolicy } from './address-policy.js'
import { AllowList, AllowListError } from './allow-list.js'

/** A team server's policy with these allow-list entries (Courier itself on 3210). */
function team(...entries: string[]): DestinationPolicy {
  return { allowed: TEAM_DESTINATIONS, selfPorts: new Set([3210]), allowList: AllowList.parse(entries), team: true }
}

describe('the team allow-list', () => {
  it('refuses loopback, private, link-local and unspecified addresses when nothing is listed, saying the admin can allow them', () => {
    const policy = team()
    for (const address of ['127.0.0.1', '::1', '10.1.2.3', '192.168.0.1', 'fd12::1', '169.254.1.1', '0.0.0.0', '::'])
      expect(destinationProblem(address, 80, policy, false, address), address).toMatch(/allow-list/)
    expect(destinationProblem('8.8.8.8', 443, policy, false, 'dns.google')).toBeNull()
  })

  it('ignores a request’s own "allow link-local" switch on a team server', () => {
    expect(destinationProblem('169.254.10.10', 80, team(), true, '169.254.10.10')).toMatch(/link-local/)
    const local = { allowed: TEAM_DESTINATIONS, selfPorts: new Set<number>() }
    expect(destinationProblem('169.254.10.10', 80, local, true)).toBeNull()
  })

  it('matches IPv4 networks on the connected address', () => {
    const policy = team('10.20.0.0/16')
    expect(destinationProblem('10.20.255.1', 80, policy, false, 'db.example')).toBeNull()
    expect(destinationProblem('::ffff:10.20.0.9', 80, policy, false, 'db.example')).toBeNull()
    expect(destinationProblem('10.21.0.1', 80, policy, false, 'db.example')).toMatch(/private/)
  })

  it('matches IPv6 networks on the connected address', () => {
    const policy = team('fd00::/8')
    expect(destinationProblem('fd12:3456::1', 80, policy, false, 'v6.internal')).toBeNull()
    expect(destinationProblem('fc00::1', 80, policy, false, 'v6.internal')).toMatch(/private/)
    expect(destinationProblem('::1', 80, policy, false, 'v6.internal')).toMatch(/loopback/)
  })

  it('matches host entries exactly and *.suffix wildcards on subdomains only', () => {
    const policy = team('internal.example.com', '*.corp.example')
    expect(destinationProblem('10.0.0.1', 80, policy, false, 'internal.example.com')).toBeNull()
    expect(destinationProblem('10.0.0.1', 80, policy, false, 'INTERNAL.example.com.')).toBeNull()
    expect(destinationProblem('10.0.0.1', 80, policy, false, 'a.b.corp.example')).toBeNull()
    expect(destinationProblem('10.0.0.1', 80, policy, false, 'corp.example')).toMatch(/private/)
    expect(destinationProblem('10.0.0.1', 80, policy, false, 'x.internal.example.com')).toMatch(/private/)
    expect(destinationProblem('10.0.0.1', 80, policy, false, 'evilcorp.example')).toMatch(/private/)
    // A host entry never lets an IP literal through: the literal is an address, not the name.
    expect(destinationProblem('10.0.0.1', 80, policy, false, '10.0.0.1')).toMatch(/private/)
  })

  it('keeps metadata refused under a covering network or a listed host, unless its exact address is listed', () => {
    expect(destinationProblem('169.254.169.254', 80, team('169.254.0.0/16'), false, 'x')).toMatch(/metadata/)
    expect(destinationProblem('169.254.1.1', 80, team('169.254.0.0/16'), false, 'x')).toBeNull()
    expect(destinationProblem('100.100.100.200', 80, team('100.64.0.0/10'), false, 'x')).toMatch(/metadata/)
    expect(destinationProblem('fd00:ec2::254', 80, team('fd00::/8'), false, 'x')).toMatch(/metadata/)
    expect(destinationProblem('::ffff:169.254.169.254', 80, team('::ffff:0:0/96'), false, 'x')).toMatch(/metadata/)
    expect(destinationProblem('169.254.169.254', 80, team('imds.corp.example'), false, 'imds.corp.example')).toMatch(
      /metadata/,
    )
    expect(destinationProblem('169.254.169.254', 80, team('169.254.169.254'), false, 'x')).toBeNull()
    expect(destinationProblem('169.254.169.254', 80, team('169.254.169.254/32'), false, 'x')).toBeNull()
    expect(destinationProblem('fd00:ec2::254', 80, team('fd00:ec2::254'), false, 'x')).toBeNull()
  })

  it('allows a metadata host name only when it is listed exactly, not by a wildcard', () => {
    expect(AllowList.parse(['*.google.internal']).permitsHost('metadata.google.internal')).toBe(false)
    expect(AllowList.parse(['metadata.google.internal']).permitsHost('metadata.google.internal')).toBe(true)
  })

  it('never lets anything reach Courier itself', () => {
    expect(destinationProblem('127.0.0.1', 3210, team('127.0.0.0/8'), false, 'x')).toMatch(/Courier itself/)
  })

  it('reads comma- and space-separated entries, as COURIER_ALLOW_TARGETS gives them', () => {
    const list = AllowList.parse(['internal.example.com,*.corp.example, 10.20.0.0/16  fd00::/8', '[::1]'])
    expect(list.entries).toEqual(['internal.example.com', '*.corp.example', '10.20.0.0/16', 'fd00::/8', '[::1]'])
    expect(list.permits('x', '::1')).toBe(true)
  })

  it.each([
    ['10.0.0.0/33', /prefix length: it must be 0 to 32/],
    ['fd00::/129', /0 to 128/],
    ['10.0.0.0/', /prefix length/],
    ['example.com/16', /part before \/ must be an IP address/],
    ['https://internal.example.com', /is a URL/],
    ['internal.example.com:8080', /has a port/],
    ['a.*.example', /wildcard is written \*\.domain/],
    ['*.', /not a valid wildcard/],
    ['exa#mple', /not a valid host name/],
    ['bad_host!', /not a valid host name/],
  ])('refuses %s with a sentence that says what to write', (entry, why) => {
    expect(() => AllowList.parse([entry], '--allow-target')).toThrow(AllowListError)
    expect(() => AllowList.parse([entry], '--allow-target')).toThrow(why)
    expect(() => AllowList.parse([entry], '--allow-target')).toThrow(
      new RegExp(`^--allow-target: "${entry.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`),
    )
  })
})
