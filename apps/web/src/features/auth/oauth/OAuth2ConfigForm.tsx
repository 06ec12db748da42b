import { OAUTH_CALLBACK_PATH, isBrowserGrant, type OAuth2Config, type OAuthMetadata } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ErrorAlert, errorParts } from '../../../shared/ui/ErrorAlert'
import { AuthField, TextInput } from '../AuthField'
import { SecretInput } from '../SecretInput'
import { OAuth2EndpointFields } from './OAuth2EndpointFields'
import { OAuth2MoreFields } from './OAuth2MoreFields'
import { useDiscoverOAuth } from './oauth-queries'
import { meOptions } from '../../../shared/api/me-query'

export const GRANT_OPTIONS: { value: OAuth2Config['grant']; label: string }[] = [
  { value: 'authorization_code_pkce', label: 'Authorization code + PKCE' },
  { value: 'authorization_code', label: 'Authorization code' },
  { value: 'client_credentials', label: 'Client credentials' },
  { value: 'device_code', label: 'Device code' },
  { value: 'password', label: 'Password (legacy)' },
  { value: 'implicit', label: 'Implicit (legacy)' },
  { value: 'refresh_token', label: 'Refresh token' },
]

const CLIENT_AUTH: { value: OAuth2Config['clientAuth']; label: string }[] = [
  { value: 'client_secret_basic', label: 'Basic auth header (client_secret_basic)' },
  { value: 'client_secret_post', label: 'In the request body (client_secret_post)' },
  { value: 'none', label: 'None: public client' },
]

type Props = { config: OAuth2Config; onChange: (config: OAuth2Config) => void; environmentId: string | null }

/** Everything a grant needs, and only that: fields appear with the grant that uses them. */
export function OAuth2ConfigForm({ config, onChange, environmentId }: Props) {
  const set = <K extends keyof OAuth2Config>(key: K, value: OAuth2Config[K]) => onChange({ ...config, [key]: value })
  const discover = useDiscoverOAuth()
  const [found, setFound] = useState<OAuthMetadata | null>(null)
  const { grant } = config
  const browser = isBrowserGrant(grant)
  const usesTokenUrl = grant !== 'implicit'
  const usesSecret = grant !== 'implicit'
  // A team server captures the callback at the address its people open; single-user Courier at 127.0.0.1.
  const team = useQuery(meOptions()).data?.team
  const defaultRedirect = team
    ? `${window.location.origin}${OAUTH_CALLBACK_PATH}`
    : `http://127.0.0.1:${window.location.port || '80'}${OAUTH_CALLBACK_PATH}`
  const fromIssuer = config.issuer.trim() !== ''
  const hint = (example: string) => (fromIssuer ? 'From the issuer’s discovery document' : example)

  const runDiscovery = () =>
    discover.mutate(
      { issuer: config.issuer, environmentId },
      {
        onSuccess: (metadata) => {
          setFound(metadata)
          onChange({
            ...config,
            authUrl: metadata.authorizationEndpoint ?? config.authUrl,
            tokenUrl: metadata.tokenEndpoint ?? config.tokenUrl,
            deviceAuthUrl: metadata.deviceAuthorizationEndpoint ?? config.deviceAuthUrl,
          })
        },
      },
    )

  return (
    <div className="auth-form oauth-form">
      <AuthField label="Grant type">
        {(id) => (
          <select
            id={id}
            aria-label="Grant type"
            value={grant}
            onChange={(event) => set('grant', event.target.value as OAuth2Config['grant'])}
          >
            {GRANT_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </AuthField>
      <AuthField
        label="Issuer"
        hint="Optional. Discovery fills the endpoints below and lets Courier check iss and token signatures."
      >
        {(id) => (
          <span className="auth-inline">
            <TextInput
              id={id}
              label="Issuer"
              value={config.issuer}
              placeholder="https://id.example.com"
              mono
              onChange={(issuer) => set('issuer', issuer)}
            />
            <button
              type="button"
              className="button button--small"
              disabled={config.issuer.trim() === '' || discover.isPending}
              onClick={runDiscovery}
            >
              {discover.isPending ? 'Discovering…' : 'Discover'}
            </button>
          </span>
        )}
      </AuthField>
      {discover.error ? <ErrorAlert {...errorParts(discover.error)} context={['Discovery']} /> : null}
      {found && !discover.error ? (
        <p className="hint auth-form__wide" role="status" aria-label="Discovery result">
          Found the metadata of {found.issuer}
          {found.issParameterSupported ? '; it sends iss with its answers (RFC 9207)' : ''}
          {found.jwksUri ? '; token signatures will be checked against its JWKS' : ''}.
        </p>
      ) : null}
      <OAuth2EndpointFields config={config} set={set} browser={browser} usesTokenUrl={usesTokenUrl} hint={hint} />
      <AuthField label="Client ID">
        {(id) => (
          <TextInput id={id} label="Client ID" value={config.clientId} mono onChange={(v) => set('clientId', v)} />
        )}
      </AuthField>
      {usesSecret ? (
        <>
          <AuthField label="Client secret" hint="Kept with the request; token requests are made by the Courier server.">
            {(id) => (
              <TextInput
                id={id}
                label="Client secret"
                value={config.clientSecret}
                mono
                onChange={(v) => set('clientSecret', v)}
              />
            )}
          </AuthField>
          <AuthField label="Client authentication">
            {(id) => (
              <select
                id={id}
                aria-label="Client authentication"
                value={config.clientAuth}
                onChange={(event) => set('clientAuth', event.target.value as OAuth2Config['clientAuth'])}
              >
                {CLIENT_AUTH.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </AuthField>
        </>
      ) : null}
      {grant === 'password' ? (
        <>
          <AuthField label="Username">
            {(id) => (
              <TextInput
                id={id}
                label="Resource owner username"
                value={config.username}
                onChange={(v) => set('username', v)}
              />
            )}
          </AuthField>
          <AuthField label="Password">
            {(id) => (
              <SecretInput
                id={id}
                label="Resource owner password"
                value={config.password}
                onChange={(v) => set('password', v)}
              />
            )}
          </AuthField>
        </>
      ) : null}
      <AuthField label="Scope">
        {(id) => (
          <TextInput
            id={id}
            label="Scope"
            value={config.scope}
            placeholder="openid profile read:items"
            mono
            onChange={(v) => set('scope', v)}
          />
        )}
      </AuthField>
      {browser ? (
        <AuthField
          label="Redirect URI"
          hint={
            config.redirectUri.trim() === '' && !team && window.location.hostname !== '127.0.0.1'
              ? `Courier captures the callback at 127.0.0.1, but this page is open at ${window.location.hostname}: open Courier at ${defaultRedirect.replace(OAUTH_CALLBACK_PATH, '/')} so the callback finds this sign-in, or paste the redirect URL.`
              : 'Leave empty to let Courier capture the callback itself. Any other URI you registered works too: paste where it lands.'
          }
        >
          {(id) => (
            <TextInput
              id={id}
              label="Redirect URI"
              value={config.redirectUri}
              placeholder={defaultRedirect}
              mono
              onChange={(v) => set('redirectUri', v)}
            />
          )}
        </AuthField>
      ) : null}
      {grant === 'authorization_code_pkce' ? (
        <AuthField label="PKCE method">
          {(id) => (
            <select
              id={id}
              aria-label="PKCE method"
              value={config.pkceMethod}
              onChange={(event) => set('pkceMethod', event.target.value as OAuth2Config['pkceMethod'])}
            >
              <option value="S256">S256 (recommended)</option>
              <option value="plain">plain</option>
            </select>
          )}
        </AuthField>
      ) : null}
      <OAuth2MoreFields config={config} set={set} />
    </div>
  )
}
