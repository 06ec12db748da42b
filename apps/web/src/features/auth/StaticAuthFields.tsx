import type { Auth } from '@courier/shared'
import { AuthField, TextInput } from './AuthField'
import { hasLiteral, SecretInput } from './SecretInput'

/** What "Sent as" shows for a credential: a typed one masked, a `{{variable}}` as itself. */
const shownValue = (value: string) => (hasLiteral(value) || value === '' ? '••••••' : value)

type StaticAuth = Extract<Auth, { type: 'basic' | 'bearer' | 'apikey' | 'digest' }>

/** What the engine will add, with the secret masked: the person sees the header before sending. */
function SentAs({ children }: { children: string }) {
  return (
    <p className="auth-sent-as">
      <span className="auth-sent-as__label">Sent as</span> <code>{children}</code>
    </p>
  )
}

/** The forms of Basic, Bearer, API key and Digest auth. */
export function StaticAuthFields({ auth, onChange }: { auth: StaticAuth; onChange: (auth: Auth) => void }) {
  switch (auth.type) {
    case 'basic':
    case 'digest':
      return (
        <div className="auth-form">
          <AuthField label="Username">
            {(id) => (
              <TextInput
                id={id}
                label="Username"
                value={auth.username}
                onChange={(username) => onChange({ ...auth, username })}
              />
            )}
          </AuthField>
          <AuthField label="Password">
            {(id) => (
              <SecretInput
                id={id}
                label="Password"
                value={auth.password}
                onChange={(password) => onChange({ ...auth, password })}
              />
            )}
          </AuthField>
          {auth.type === 'basic' ? (
            <SentAs>Authorization: Basic ••••••</SentAs>
          ) : (
            <p className="hint auth-form__wide">
              Courier sends the request, answers the server’s 401 Digest challenge (SHA-512-256, SHA-256 or MD5; qop
              auth or auth-int) and shows both exchanges under Redirects.
            </p>
          )}
        </div>
      )
    case 'bearer':
      return (
        <div className="auth-form">
          <AuthField label="Token">
            {(id) => (
              <TextInput
                id={id}
                label="Token"
                value={auth.token}
                mono
                onChange={(token) => onChange({ ...auth, token })}
              />
            )}
          </AuthField>
          <AuthField label="Prefix" hint="Bearer for RFC 6750; some APIs want token or none at all.">
            {(id) => (
              <TextInput
                id={id}
                label="Prefix"
                value={auth.prefix}
                placeholder="(none)"
                onChange={(prefix) => onChange({ ...auth, prefix })}
              />
            )}
          </AuthField>
          <SentAs>{`Authorization: ${auth.prefix.trim() ? `${auth.prefix.trim()} ` : ''}${shownValue(auth.token)}`}</SentAs>
        </div>
      )
    case 'apikey':
      return (
        <div className="auth-form">
          <AuthField label="Key">
            {(id) => (
              <TextInput
                id={id}
                label="API key name"
                value={auth.name}
                placeholder="X-API-Key"
                mono
                onChange={(name) => onChange({ ...auth, name })}
              />
            )}
          </AuthField>
          <AuthField label="Value">
            {(id) => (
              <TextInput
                id={id}
                label="API key value"
                value={auth.value}
                mono
                onChange={(value) => onChange({ ...auth, value })}
              />
            )}
          </AuthField>
          <AuthField label="Add to">
            {(id) => (
              <div id={id} className="segmented segmented--small" role="radiogroup" aria-label="Add API key to">
                {(['header', 'query'] as const).map((where) => (
                  <label key={where} className={`segmented__item${auth.in === where ? ' is-selected' : ''}`}>
                    <input
                      type="radio"
                      name="apikey-in"
                      checked={auth.in === where}
                      onChange={() => onChange({ ...auth, in: where })}
                    />
                    {where === 'header' ? 'Header' : 'Query parameter'}
                  </label>
                ))}
              </div>
            )}
          </AuthField>
          <SentAs>
            {auth.in === 'query'
              ? `?${auth.name || 'name'}=${shownValue(auth.value)}`
              : `${auth.name || 'Name'}: ${shownValue(auth.value)}`}
          </SentAs>
        </div>
      )
  }
}
