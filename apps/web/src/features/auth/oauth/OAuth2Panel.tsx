import { isBrowserGrant, type OAuth2Config } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { ErrorAlert, errorParts } from '../../../shared/ui/ErrorAlert'
import { DeviceCodeCard } from './DeviceCodeCard'
import { FlowInspector } from './FlowInspector'
import { OAuth2ConfigForm } from './OAuth2ConfigForm'
import { PasteRedirect } from './PasteRedirect'
import { TokenCard } from './TokenCard'
import { oauthTokenOptions, useForgetOAuthToken, useTokenFollowsSends } from './oauth-queries'
import { useOAuthFlow } from './use-oauth-flow'
import './oauth.css'

type OAuth2PanelProps = {
  config: OAuth2Config
  /** Absent for inherited auth: the parent's config is shown, not edited here. */
  onChange?: (config: OAuth2Config) => void
  environmentId: string | null
}

const WAITING_TEXT: Record<string, string> = {
  authorization_code: 'Waiting for the sign-in in the popup…',
  authorization_code_pkce: 'Waiting for the sign-in in the popup…',
  implicit: 'Waiting for the sign-in in the popup…',
  device_code: 'Waiting for the person to enter the code…',
}

/** OAuth 2: the configuration, the token Courier holds for it, and the last flow step by step. */
export function OAuth2Panel({ config, onChange, environmentId }: OAuth2PanelProps) {
  const tokenKey = config.tokenKey.trim() || 'default'
  const token = useQuery(oauthTokenOptions(environmentId, tokenKey))
  const forget = useForgetOAuthToken()
  useTokenFollowsSends()
  const oauth = useOAuthFlow(config, environmentId)
  const { flow } = oauth
  const live = flow?.status === 'waiting' || flow?.status === 'polling'

  return (
    <div className={`oauth-panel${onChange ? '' : ' oauth-panel--inherited'}`}>
      {onChange ? (
        <div className="oauth-panel__config">
          <OAuth2ConfigForm config={config} onChange={onChange} environmentId={environmentId} />
        </div>
      ) : null}
      <div className="oauth-panel__side">
        <div className="oauth-panel__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={oauth.isStarting || live}
            onClick={() => oauth.getToken()}
          >
            {oauth.isStarting ? 'Starting…' : 'Get new access token'}
          </button>
          {live ? (
            <button type="button" className="button" onClick={oauth.cancel}>
              Cancel flow
            </button>
          ) : null}
        </div>
        {oauth.startError ? <ErrorAlert {...errorParts(oauth.startError)} /> : null}
        {flow && live ? (
          <div className="oauth-panel__live" role="status" aria-label="Flow status">
            <p>{WAITING_TEXT[flow.grant] ?? 'Working…'}</p>
            {oauth.popupBlocked && flow.authorizeUrl ? (
              <p>
                The popup was blocked.{' '}
                <a href={flow.authorizeUrl} target="_blank" rel="noopener noreferrer">
                  Open the sign-in page
                </a>
              </p>
            ) : null}
          </div>
        ) : null}
        {flow?.device && flow.status === 'polling' ? <DeviceCodeCard device={flow.device} /> : null}
        {flow && flow.status === 'waiting' && isBrowserGrant(flow.grant) ? (
          <PasteRedirect prominent={!flow.capturesCallback} busy={oauth.isPasting} onPaste={oauth.paste} />
        ) : null}
        {flow?.status === 'failed' && flow.error ? (
          <div role="group" aria-label="Flow result">
            <ErrorAlert
              code={flow.error.code}
              message={flow.error.message}
              context={[`No token: the ${flow.error.step.replace('-', ' ')} step failed`]}
            />
          </div>
        ) : null}
        {flow?.status === 'completed' ? (
          <p className="auth-ok" role="status" aria-label="Flow result">
            ✓ Token received; the next send uses it.
          </p>
        ) : null}
        {token.data ? (
          <TokenCard
            token={token.data}
            busy={forget.isPending || oauth.isStarting}
            onRefresh={() => oauth.getToken('refresh_token')}
            onForget={() => forget.mutate({ environmentId, tokenKey })}
          />
        ) : token.isSuccess ? (
          <p className="empty-note">
            No token yet{environmentId ? ' for this environment' : ''}. Get one, or send: client credentials and
            password grants fetch their own.
          </p>
        ) : null}
        {flow ? <FlowInspector flow={flow} /> : null}
      </div>
    </div>
  )
}
