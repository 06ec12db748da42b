import { AwsSigV4ConfigSchema, OAuth1ConfigSchema, OAuth2ConfigSchema, type Auth, type AuthType } from '@courier/shared'
import { useId, useRef } from 'react'
import './auth.css'
import { useAuthEnvironment } from './auth-environment'
import { effectiveAuth } from './auth-summary'
import { TYPE_LABELS } from './auth-types'
import { InheritedAuthNote } from './InheritedAuthNote'
import { useInheritedAuth, type InheritedAuth } from './inherited-auth'
import { AwsSigV4Fields } from './AwsSigV4Fields'
import { OAuth1Fields } from './OAuth1Fields'
import { OAuth2Panel } from './oauth/OAuth2Panel'
import { StaticAuthFields } from './StaticAuthFields'

type AuthPanelProps = {
  auth: Auth
  onChange: (auth: Auth) => void
  /** The auth a parent (collection or folder) lends; given only where the request has a parent. */
  inherited?: InheritedAuth | null
  /** The environment sends use; defaults to the app's AuthEnvironmentContext. */
  environmentId?: string | null
}

function blank(type: AuthType): Auth {
  switch (type) {
    case 'none':
    case 'inherit':
      return { type }
    case 'basic':
    case 'digest':
      return { type, username: '', password: '' }
    case 'bearer':
      return { type, token: '', prefix: 'Bearer' }
    case 'apikey':
      return { type, name: '', value: '', in: 'header' }
    case 'oauth2':
      return { type, config: OAuth2ConfigSchema.parse({}) }
    case 'oauth1':
      return { type, config: OAuth1ConfigSchema.parse({}) }
    case 'awsv4':
      return { type, config: AwsSigV4ConfigSchema.parse({}) }
  }
}

/** The Auth tab: how this request proves who it is. Switching types keeps what was typed in the others. */
export function AuthPanel({ auth, onChange, inherited: inheritedProp, environmentId }: AuthPanelProps) {
  const contextInherited = useInheritedAuth()
  const inherited = inheritedProp === undefined ? contextInherited : inheritedProp
  const contextEnvironment = useAuthEnvironment()
  const environment = environmentId === undefined ? contextEnvironment : environmentId
  const others = useRef<Partial<Record<AuthType, Auth>>>({})
  const selectId = useId()
  const canInherit = inherited !== undefined || auth.type === 'inherit'
  const types = (Object.keys(TYPE_LABELS) as AuthType[]).filter((type) => type !== 'inherit' || canInherit)

  const choose = (type: AuthType) => {
    others.current[auth.type] = auth
    onChange(others.current[type] ?? blank(type))
  }

  const effective = effectiveAuth(auth, inherited)
  return (
    <div className="auth-panel">
      <div className="auth-panel__type">
        <label htmlFor={selectId}>Auth type</label>
        <select id={selectId} value={auth.type} onChange={(event) => choose(event.target.value as AuthType)}>
          {types.map((type) => (
            <option key={type} value={type}>
              {TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </div>

      {auth.type === 'inherit' ? (
        <div className="auth-inherited" role="group" aria-label="Inherited auth">
          <InheritedAuthNote inherited={inherited} effective={effective} />
          {effective.type === 'oauth2' ? <OAuth2Panel config={effective.config} environmentId={environment} /> : null}
        </div>
      ) : null}
      {auth.type === 'none' ? <p className="empty-note">This request is sent without credentials.</p> : null}
      {auth.type === 'basic' || auth.type === 'bearer' || auth.type === 'apikey' || auth.type === 'digest' ? (
        <StaticAuthFields auth={auth} onChange={onChange} />
      ) : null}
      {auth.type === 'oauth1' ? (
        <OAuth1Fields config={auth.config} onChange={(config) => onChange({ type: 'oauth1', config })} />
      ) : null}
      {auth.type === 'awsv4' ? (
        <AwsSigV4Fields config={auth.config} onChange={(config) => onChange({ type: 'awsv4', config })} />
      ) : null}
      {auth.type === 'oauth2' ? (
        <OAuth2Panel
          config={auth.config}
          onChange={(config) => onChange({ type: 'oauth2', config })}
          environmentId={environment}
        />
      ) : null}
    </div>
  )
}
