import { describe, expect, it } from 'vitest'
import { RequestSpecSchema } from '../../request-spec.js'
import { CODE_TARGETS } from './code-targets.js'
import { generateCode } from './generate-code.js'

const SIGNED = [
  {
    type: 'awsv4',
    config: { accessKey: 'AKIDEXAMPLE', secretKey: 'aws-secret-value', sessionToken: 'aws-session-value' },
  },
  {
    type: 'oauth1',
    config: {
      consumerKey: 'ck',
      consumerSecret: 'oauth-consumer-secret',
      token: 't',
      tokenSecret: 'oauth-token-secret',
    },
  },
] as const

describe('copy as code for signed auth', () => {
  it.each(SIGNED.map((auth) => [auth.type, auth] as const))(
    '%s: every target says the code is unsigned and carries no secret',
    (_, auth) => {
      const spec = RequestSpecSchema.parse({ method: 'GET', url: 'https://api.example.com/items?a=1', auth })
      for (const target of CODE_TARGETS) {
        // curl signs AWS requests itself: that code is signed, with the keys the caller passed (masked there).
        if (auth.type === 'awsv4' && target.id === 'curl') continue
        const { code, notes } = generateCode(spec, target.id)
        expect(notes[0], target.id).toMatch(/this code sends the request unsigned/)
        expect(code, target.id).not.toMatch(
          /aws-secret-value|aws-session-value|oauth-consumer-secret|oauth-token-secret/,
        )
      }
    },
  )

  it('awsv4 as cURL: signed by curl itself, so no "unsigned" note', () => {
    const spec = RequestSpecSchema.parse({ method: 'GET', url: 'https://api.example.com/items', auth: SIGNED[0] })
    const { code, notes } = generateCode(spec, 'curl')
    expect(code).toContain(`--aws-sigv4 aws:amz:us-east-1:execute-api`)
    expect(code).toContain(`-u AKIDEXAMPLE:aws-secret-value`)
    expect(code).toContain(`x-amz-security-token: aws-session-value`)
    expect(notes.join(' ')).not.toMatch(/unsigned/)
  })
})
