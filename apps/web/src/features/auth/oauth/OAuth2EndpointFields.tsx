import type { OAuth2Config } from '@courier/shared'
import { AuthField, TextInput } from '../AuthField'
import type { SetOAuthField } from './set-oauth-field'

type Props = {
  config: OAuth2Config
  set: SetOAuthField
  browser: boolean
  usesTokenUrl: boolean
  hint: (example: string) => string
}

/** The endpoints a grant calls: authorization, token, device authorization. */
export function OAuth2EndpointFields({ config, set, browser, usesTokenUrl, hint }: Props) {
  const { grant } = config
  return (
    <>
      {browser ? (
        <AuthField label="Authorization URL">
          {(id) => (
            <TextInput
              id={id}
              label="Authorization URL"
              value={config.authUrl}
              placeholder={hint('https://id.example.com/authorize')}
              mono
              onChange={(v) => set('authUrl', v)}
            />
          )}
        </AuthField>
      ) : null}
      {usesTokenUrl ? (
        <AuthField label="Token URL">
          {(id) => (
            <TextInput
              id={id}
              label="Token URL"
              value={config.tokenUrl}
              placeholder={hint('https://id.example.com/token')}
              mono
              onChange={(v) => set('tokenUrl', v)}
            />
          )}
        </AuthField>
      ) : null}
      {grant === 'device_code' ? (
        <AuthField label="Device authorization URL">
          {(id) => (
            <TextInput
              id={id}
              label="Device authorization URL"
              value={config.deviceAuthUrl}
              placeholder={hint('https://id.example.com/device')}
              mono
              onChange={(v) => set('deviceAuthUrl', v)}
            />
          )}
        </AuthField>
      ) : null}
    </>
  )
}
