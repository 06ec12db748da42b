import type { AwsSigV4Config } from '@courier/shared'
import { AuthField, TextInput } from './AuthField'
import { SecretInput } from './SecretInput'

type Props = { config: AwsSigV4Config; onChange: (config: AwsSigV4Config) => void }

/** AWS Signature Version 4: the engine signs each exchange right before it is written. */
export function AwsSigV4Fields({ config, onChange }: Props) {
  const set = (key: keyof AwsSigV4Config, value: string) => onChange({ ...config, [key]: value })
  return (
    <div className="auth-form">
      <AuthField label="Access key">
        {(id) => (
          <TextInput id={id} label="Access key" value={config.accessKey} mono onChange={(v) => set('accessKey', v)} />
        )}
      </AuthField>
      <AuthField label="Secret key">
        {(id) => (
          <SecretInput id={id} label="Secret key" value={config.secretKey} onChange={(v) => set('secretKey', v)} />
        )}
      </AuthField>
      <AuthField label="Region">
        {(id) => (
          <TextInput
            id={id}
            label="Region"
            value={config.region}
            placeholder="us-east-1"
            mono
            onChange={(v) => set('region', v)}
          />
        )}
      </AuthField>
      <AuthField
        label="Service"
        hint="execute-api for API Gateway; s3 signs the path once and adds X-Amz-Content-Sha256."
      >
        {(id) => (
          <TextInput
            id={id}
            label="Service"
            value={config.service}
            placeholder="execute-api"
            mono
            onChange={(v) => set('service', v)}
          />
        )}
      </AuthField>
      <AuthField label="Session token">
        {(id) => (
          <SecretInput
            id={id}
            label="Session token"
            value={config.sessionToken}
            onChange={(v) => set('sessionToken', v)}
          />
        )}
      </AuthField>
      <p className="auth-sent-as">
        <span className="auth-sent-as__label">Sent as</span>{' '}
        <code>{`Authorization: AWS4-HMAC-SHA256 Credential=${config.accessKey || '…'}/‹date›/${config.region || 'us-east-1'}/${config.service || 'execute-api'}/aws4_request, SignedHeaders=…, Signature=••••••`}</code>
      </p>
      <p className="hint auth-form__wide">
        Signed: Host, Content-Type and every X-Amz-* header, and the body’s SHA-256. Your own X-Amz-Date row fixes the
        date.
      </p>
    </div>
  )
}
