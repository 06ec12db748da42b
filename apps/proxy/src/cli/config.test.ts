import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { tempDataDir } from '../test/temp-dir.js'

describe('the team server’s send policy in the configuration', () => {
  it('takes the allow-list from COURIER_ALLOW_TARGETS and every --allow-target', () => {
    const config = loadConfig(
      { dataDir: tempDataDir(), allowTargets: ['db.internal', '192.168.5.0/24'] },
      { COURIER_ALLOW_TARGETS: 'internal.example.com,*.corp.example,10.20.0.0/16,fd00::/8' },
    )
    expect(config.allowTargets?.entries).toEqual([
      'internal.example.com',
      '*.corp.example',
      '10.20.0.0/16',
      'fd00::/8',
      'db.internal',
      '192.168.5.0/24',
    ])
    expect(config.allowTargets?.permits('x', '192.168.5.7')).toBe(true)
  })

  it('names a bad entry, where it came from, and what to write', () => {
    expect(() => loadConfig({ dataDir: tempDataDir() }, { COURIER_ALLOW_TARGETS: '10.0.0.0/40' })).toThrow(
      /COURIER_ALLOW_TARGETS: "10.0.0.0\/40" has no valid prefix length: it must be 0 to 32; write a host name/,
    )
    expect(() => loadConfig({ dataDir: tempDataDir(), allowTargets: ['http://x.internal'] }, {})).toThrow(
      /--allow-target: "http:\/\/x.internal" is a URL/,
    )
  })

  it('has per-person limits of 120 sends a minute and 8 at once unless set', () => {
    expect(loadConfig({ dataDir: tempDataDir() }, {}).userLimits).toEqual({ sendsPerMinute: 120, concurrentSends: 8 })
    const set = loadConfig(
      { dataDir: tempDataDir() },
      { COURIER_USER_SENDS_PER_MINUTE: '30', COURIER_USER_CONCURRENT_SENDS: '2' },
    )
    expect(set.userLimits).toEqual({ sendsPerMinute: 30, concurrentSends: 2 })
    expect(() => loadConfig({ dataDir: tempDataDir() }, { COURIER_USER_CONCURRENT_SENDS: '0' })).toThrow(
      /COURIER_USER_CONCURRENT_SENDS/,
    )
  })
})
