import { describe, expect, it } from 'vitest'
import { localServicesOptions } from '../services.js'
import { testConfig } from '../test/build-test-app.js'

describe('the OAuth callback Courier captures itself', () => {
  it('is on 127.0.0.1 and the real port for single-user Courier', () => {
    expect(localServicesOptions(testConfig(), () => 4321).oauthRedirectUri()).toBe(
      'http://127.0.0.1:4321/oauth/callback',
    )
  })

  it('is at the public address on a team server, where its people open it', () => {
    const options = localServicesOptions(testConfig({ team: true, publicUrl: 'https://courier.example.com' }), () => 1)
    expect(options.oauthRedirectUri()).toBe('https://courier.example.com/oauth/callback')
  })
})
