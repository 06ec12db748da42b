import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'

type Answer = {
  error: { code: string; message: string; field?: string; details: { field: string; message: string }[] }
}

/** The real routes: what a person reads when the input does not match the contract. */
describe('invalid input is named in words', () => {
  it('names a capture row with no variable, and says what to do', async () => {
    const app = await buildTestApp()
    const response = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: {
        request: {
          method: 'GET',
          url: 'http://127.0.0.1:9/',
          captures: [{ variable: '', source: 'json', expression: '$.token' }],
        },
      },
    })
    expect(response.statusCode).toBe(400)
    const { error } = response.json() as Answer
    expect(error.code).toBe('INVALID_REQUEST')
    expect(error.field).toBe('request.captures.0.variable')
    expect(error.message).toBe('Capture row 1: the variable name is empty — type a variable name or remove the row.')
  })

  it('names header cells, settings and missing fields without zod’s text', async () => {
    const app = await buildTestApp()
    const response = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: {
        request: {
          url: 'http://127.0.0.1:9/',
          headers: [['Accept', 7, true]],
          settings: { timeoutMs: 0 },
          body: { kind: 'form', fields: [['a', 'b', true]] },
          auth: { type: 'telepathy' },
        },
      },
    })
    const { error } = response.json() as Answer
    const messages = error.details.map((d) => d.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        'The method is missing — fill it in.',
        expect.stringMatching(/^Header row 1: the value has the wrong kind of value \(it should be text\) — /),
        'Settings: the total timeout is below 1 — use 1 or more.',
        expect.stringMatching(/^Auth: the type /),
      ]),
    )
    for (const message of messages) expect(message).not.toMatch(/Invalid input|expected|received|Too small/)
  })

  it('names an environment variable row with no name', async () => {
    const app = await buildTestApp()
    const response = await app.api({
      method: 'POST',
      url: '/api/environments',
      payload: { name: 'Staging', variables: [{ name: '', value: 'x', enabled: true, secret: false }] },
    })
    const { error } = response.json() as Answer
    expect(error.message).toBe('Variable row 1: the name is empty — type a name or remove the row.')
  })
})
