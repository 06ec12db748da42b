import { describe, expect, it } from 'vitest'
import { classifyAddress, destinationProblem, LOCAL_DESTINATIONS, TEAM_DESTINATIONS } from './address-policy.js'

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.1.2.3', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.100.100.200', 'private'],
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
    expect(destinationProblem('169.254.169.254', 80, local, true)).toBeNull()
  })

  it('keeps a team server to public addresses', () => {
    expect(destinationProblem('10.0.0.1', 80, team)).toMatch(/private/)
    expect(destinationProblem('8.8.8.8', 443, team)).toBeNull()
  })
})
