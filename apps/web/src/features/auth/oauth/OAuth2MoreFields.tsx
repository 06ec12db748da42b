import type { OAuth2Config } from '@courier/shared'
import { Switch } from '../../../shared/ui/fields'
import { AuthField, TextInput } from '../AuthField'
import { PairsEditor } from './PairsEditor'
import type { SetOAuthField } from './set-oauth-field'

type Props = { config: OAuth2Config; set: SetOAuthField }

/** The folded group: audience, resource, header prefix, token name, refresh, extra parameters. */
export function OAuth2MoreFields({ config, set }: Props) {
  const { grant } = config
  return (
    <details className="oauth-form__more auth-form__wide">
      <summary>Audience, resource, extra parameters, token name</summary>
      <div className="auth-form">
        <AuthField label="Audience">
          {(id) => (
            <TextInput id={id} label="Audience" value={config.audience} mono onChange={(v) => set('audience', v)} />
          )}
        </AuthField>
        <AuthField label="Resource" hint="RFC 8707 resource indicator.">
          {(id) => (
            <TextInput id={id} label="Resource" value={config.resource} mono onChange={(v) => set('resource', v)} />
          )}
        </AuthField>
        <AuthField label="Header prefix">
          {(id) => (
            <TextInput
              id={id}
              label="Header prefix"
              value={config.headerPrefix}
              onChange={(v) => set('headerPrefix', v)}
            />
          )}
        </AuthField>
        <AuthField label="Token name" hint="Requests with the same token name (and environment) share one token.">
          {(id) => (
            <TextInput id={id} label="Token name" value={config.tokenKey} mono onChange={(v) => set('tokenKey', v)} />
          )}
        </AuthField>
        <div className="auth-form__wide">
          <Switch
            label="Refresh automatically before a send"
            hint="When the token has expired and a refresh token is stored."
            checked={config.autoRefresh}
            onChange={(v) => set('autoRefresh', v)}
          />
        </div>
        {grant !== 'client_credentials' && grant !== 'password' && grant !== 'refresh_token' ? (
          <div className="auth-form__wide">
            <h4 className="oauth-form__subtitle">Extra authorization parameters</h4>
            <PairsEditor
              label="Extra authorization parameters"
              pairs={config.authParams}
              onChange={(v) => set('authParams', v)}
            />
          </div>
        ) : null}
        {grant !== 'implicit' ? (
          <div className="auth-form__wide">
            <h4 className="oauth-form__subtitle">Extra token parameters</h4>
            <PairsEditor
              label="Extra token parameters"
              pairs={config.tokenParams}
              onChange={(v) => set('tokenParams', v)}
            />
          </div>
        ) : null}
      </div>
    </details>
  )
}
