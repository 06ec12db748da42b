import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { DEFAULT_OIDC_NAME, oidcSettingsFrom } from './oidc-settings.js'

const full = {
  COURIER_OIDC_ISSUER: 'https://example.okta.com',
  COURIER_OIDC_CLIENT_ID: 'courier',
  COURIER_OIDC_CLIENT_SECRET: 's3cret',
}

describe('OpenID Connect settings (COURIER_OIDC_*)', () => {
  it('are off when none is set, and complete when the three are', () => {
    expect(oidcSettingsFrom({})).toBeUndefined()
    expect(oidcSettingsFrom(full)).toEqual({
      issuer: 'https://example.okta.com',
      clientId: 'courier',
      clientSecret: 's3cret',
      name: DEFAULT_OIDC_NAME,
      allowedDomains: [],
    })
    expect(
      oidcSettingsFrom({
        ...full,
        COURIER_OIDC_NAME: ' Okta ',
        COURIER_OIDC_ALLOWED_DOMAINS: 'Example.com, @corp.example example.com',
      }),
    ).toMatchObject({ name: 'Okta', allowedDomains: ['example.com', 'corp.example'] })
  })

  it('refuse half a configuration with a sentence naming what is missing', () => {
    expect(() => oidcSettingsFrom({ COURIER_OIDC_ISSUER: full.COURIER_OIDC_ISSUER })).toThrow(
      'OpenID Connect sign-in needs COURIER_OIDC_ISSUER, COURIER_OIDC_CLIENT_ID, COURIER_OIDC_CLIENT_SECRET together, but COURIER_OIDC_CLIENT_ID and COURIER_OIDC_CLIENT_SECRET are not set',
    )
    expect(() => oidcSettingsFrom({ ...full, COURIER_OIDC_CLIENT_SECRET: ' ' })).toThrow(
      /but COURIER_OIDC_CLIENT_SECRET is not set \(COURIER_OIDC_ISSUER, COURIER_OIDC_CLIENT_ID are\)/,
    )
    expect(() => oidcSettingsFrom({ COURIER_OIDC_NAME: 'Okta' })).toThrow(
      /COURIER_OIDC_ISSUER and COURIER_OIDC_CLIENT_ID and/,
    )
  })

  it('want an https issuer (http only on loopback) and plain email domains', () => {
    expect(() => oidcSettingsFrom({ ...full, COURIER_OIDC_ISSUER: 'http://idp.example' })).toThrow(
      /must be an https:\/\/ URL/,
    )
    expect(() => oidcSettingsFrom({ ...full, COURIER_OIDC_ISSUER: 'idp.example' })).toThrow(/is not a URL/)
    expect(() => oidcSettingsFrom({ ...full, COURIER_OIDC_ISSUER: 'https://idp.example/?x=1' })).toThrow(
      /without a query/,
    )
    expect(oidcSettingsFrom({ ...full, COURIER_OIDC_ISSUER: 'http://127.0.0.1:9000' })?.issuer).toBe(
      'http://127.0.0.1:9000',
    )
    expect(() => oidcSettingsFrom({ ...full, COURIER_OIDC_ALLOWED_DOMAINS: '*.example.com' })).toThrow(
      /"\*\.example\.com" is not an email domain/,
    )
  })

  it('stop `courier serve --team` from starting when half set', () => {
    const env = {
      DATABASE_URL: 'postgres://courier:secret@db.internal:5432/courier',
      COURIER_SECRET_KEY: randomBytes(32).toString('base64'),
    }
    expect(loadConfig({ team: true }, env).oidc).toBeUndefined()
    expect(loadConfig({ team: true }, { ...env, ...full }).oidc?.issuer).toBe(full.COURIER_OIDC_ISSUER)
    expect(() => loadConfig({ team: true }, { ...env, COURIER_OIDC_CLIENT_ID: 'courier' })).toThrow(
      /OpenID Connect sign-in needs/,
    )
  })
})
