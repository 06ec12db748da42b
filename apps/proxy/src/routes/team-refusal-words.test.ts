import { describe, expect, it } from 'vitest'
import { AllowList } from '../engine/allow-list.js'
import { buildTeamTestApp } from '../test/team-test-app.js'
import { startUpstream } from '../test/upstream.js'

describe('a team server refusing an internal target', () => {
  it('names the host and the kind of address, never the address it resolved to', async () => {
    const team = await buildTeamTestApp({ allowTargets: AllowList.parse([]) })
    const upstream = await startUpstream((_request, response) => response.end('never'))
    const port = new URL(upstream.url('/')).port
    const sent = await team.as(team.users.editor, {
      method: 'POST',
      url: '/api/send',
      payload: { request: { method: 'GET', url: `http://localhost:${port}/` } },
    })
    const error = sent.json<{ error: { code: string; message: string } }>().error
    expect(error.code).toBe('TARGET_FORBIDDEN')
    expect(error.message).toContain('Courier does not send requests to localhost: loopback addresses are blocked')
    expect(error.message).not.toMatch(/127\.0\.0\.1|::1/)
    expect(upstream.received).toHaveLength(0)
  })
})
