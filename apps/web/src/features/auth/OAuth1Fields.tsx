import { OAUTH1_SIGNATURE_METHODS, type OAuth1Config } from '@courier/shared'
import { Switch } from '../../shared/ui/fields'
import { AuthField, TextInput } from './AuthField'
import { SecretInput } from './SecretInput'

type Props = { config: OAuth1Config; onChange: (config: OAuth1Config) => void }

const ADD_TO: { value: OAuth1Config['addTo']; label: string }[] = [
  { value: 'header', label: 'Authorization header' },
  { value: 'query', label: 'Query parameters' },
  { value: 'body', label: 'Form body (else query)' },
]

/** What the engine adds, the signature masked. */
function sentAs(config: OAuth1Config): string {
  const params = `oauth_consumer_key=${config.consumerKey || '…'}${config.token ? `, oauth_token=${config.token}` : ''}, oauth_signature_method=${config.signatureMethod}, oauth_signature=••••••`
  if (config.addTo === 'header') return `Authorization: OAuth ${params}`
  return `${config.addTo === 'query' ? 'Query' : 'Form body (or query)'}: ${params}`
}

/** OAuth 1.0a (RFC 5849): the engine signs each exchange right before it is written. */
export function OAuth1Fields({ config, onChange }: Props) {
  const set = <K extends keyof OAuth1Config>(key: K, value: OAuth1Config[K]) => onChange({ ...config, [key]: value })
  const rsa = config.signatureMethod.startsWith('RSA-')
  const text = (
    key: 'consumerKey' | 'token' | 'timestamp' | 'nonce' | 'version' | 'realm' | 'callback' | 'verifier',
    label: string,
    hint?: string,
  ) => (
    <AuthField label={label} hint={hint}>
      {(id) => <TextInput id={id} label={label} value={config[key]} mono onChange={(v) => set(key, v)} />}
    </AuthField>
  )
  const secret = (key: 'consumerSecret' | 'tokenSecret' | 'privateKey', label: string) => (
    <AuthField label={label}>
      {(id) => <SecretInput id={id} label={label} value={config[key]} onChange={(v) => set(key, v)} />}
    </AuthField>
  )
  return (
    <div className="auth-form">
      <AuthField label="Signature method">
        {(id) => (
          <select
            id={id}
            aria-label="Signature method"
            value={config.signatureMethod}
            onChange={(event) => set('signatureMethod', event.target.value as OAuth1Config['signatureMethod'])}
          >
            {OAUTH1_SIGNATURE_METHODS.map((method) => (
              <option key={method} value={method}>
                {method}
              </option>
            ))}
          </select>
        )}
      </AuthField>
      {text('consumerKey', 'Consumer key')}
      {rsa ? secret('privateKey', 'Private key') : secret('consumerSecret', 'Consumer secret')}
      {text('token', 'Access token')}
      {secret('tokenSecret', 'Token secret')}
      <AuthField label="Add to">
        {(id) => (
          <select
            id={id}
            aria-label="Add OAuth parameters to"
            value={config.addTo}
            onChange={(event) => set('addTo', event.target.value as OAuth1Config['addTo'])}
          >
            {ADD_TO.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </AuthField>
      <details className="oauth-form__more auth-form__wide">
        <summary>Timestamp, nonce, version, realm, callback, verifier</summary>
        <div className="auth-form">
          {text('timestamp', 'Timestamp', 'Empty: the current time, for every send.')}
          {text('nonce', 'Nonce', 'Empty: a new random nonce for every send.')}
          {text('version', 'Version')}
          {text('realm', 'Realm')}
          {text('callback', 'Callback URL')}
          {text('verifier', 'Verifier')}
          <div className="auth-form__wide">
            <Switch
              label="Include body hash"
              hint="oauth_body_hash over the body as sent (not for form bodies)."
              checked={config.includeBodyHash}
              onChange={(v) => set('includeBodyHash', v)}
            />
          </div>
          <div className="auth-form__wide">
            <Switch
              label="Add empty parameters to the signature"
              checked={config.addEmptyParamsToSign}
              onChange={(v) => set('addEmptyParamsToSign', v)}
            />
          </div>
        </div>
      </details>
      <p className="auth-sent-as">
        <span className="auth-sent-as__label">Sent as</span> <code>{sentAs(config)}</code>
      </p>
      <p className="hint auth-form__wide">
        Courier signs the request as it is written — final URL, query and form fields — with a new timestamp and nonce
        for every send, retry and redirect to the same origin.
      </p>
    </div>
  )
}
