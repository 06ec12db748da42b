import type { RequestSettings, RetryPolicy, SendDefaults } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { Choice, MegabytesField, NumberField } from '../../shared/ui/fields'
import { appSettingsOptions } from '../settings'
import '../settings/settings.css'

type Tri = 'default' | 'on' | 'off'

function tri(value: boolean | undefined): Tri {
  return value === undefined ? 'default' : value ? 'on' : 'off'
}

function fromTri(value: Tri): boolean | undefined {
  return value === 'default' ? undefined : value === 'on'
}

function onOff(value: boolean): string {
  return value ? 'on' : 'off'
}

/** This request's own settings; anything left at "default" follows the Settings page. */
export function SettingsPanel({
  settings,
  onSettings,
}: {
  settings: RequestSettings
  onSettings: (settings: RequestSettings) => void
}) {
  const { data } = useQuery(appSettingsOptions())
  const defaults: SendDefaults | undefined = data?.send
  const set = <K extends keyof RequestSettings>(key: K, value: RequestSettings[K]) => {
    const next = { ...settings, [key]: value }
    if (value === undefined) delete next[key]
    onSettings(next)
  }
  const triOptions = (fallback: boolean | undefined) => [
    { value: 'default' as const, label: `Default (${fallback === undefined ? '…' : onOff(fallback)})` },
    { value: 'on' as const, label: 'On' },
    { value: 'off' as const, label: 'Off' },
  ]
  const retry: RetryPolicy | undefined = settings.retry
  const baseRetry = defaults?.retry

  return (
    <div className="settings-form settings-form--request">
      <fieldset>
        <legend>Timeouts</legend>
        <NumberField
          label="Total timeout"
          unit="s"
          min={1}
          max={300}
          value={settings.timeoutMs === undefined ? undefined : settings.timeoutMs / 1000}
          placeholder={defaults ? String(defaults.timeoutMs / 1000) : ''}
          onChange={(v) => set('timeoutMs', Math.round(v * 1000))}
          onClear={() => set('timeoutMs', undefined)}
        />
        <NumberField
          label="Connect timeout"
          unit="s"
          min={0.1}
          max={120}
          step={0.1}
          value={settings.connectTimeoutMs === undefined ? undefined : settings.connectTimeoutMs / 1000}
          placeholder={defaults ? String(defaults.connectTimeoutMs / 1000) : ''}
          onChange={(v) => set('connectTimeoutMs', Math.round(v * 1000))}
          onClear={() => set('connectTimeoutMs', undefined)}
        />
      </fieldset>
      <fieldset>
        <legend>Redirects</legend>
        <Choice
          label="Follow redirects"
          value={tri(settings.followRedirects)}
          options={triOptions(defaults?.followRedirects)}
          onChange={(v) => set('followRedirects', fromTri(v))}
        />
        <NumberField
          label="Maximum redirects"
          min={0}
          max={50}
          value={settings.maxRedirects}
          placeholder={defaults ? String(defaults.maxRedirects) : ''}
          onChange={(v) => set('maxRedirects', Math.round(v))}
          onClear={() => set('maxRedirects', undefined)}
        />
        <Choice
          label="Method after 301, 302, 303"
          value={settings.redirectMethod ?? 'standard'}
          options={[
            { value: 'standard', label: 'Standard (becomes GET)' },
            { value: 'original', label: 'Keep method and body' },
          ]}
          onChange={(v) => set('redirectMethod', v === 'standard' ? undefined : v)}
        />
        <Choice
          label="Referer on redirect"
          value={settings.refererOnRedirect ? 'on' : 'off'}
          options={[
            { value: 'off', label: 'Off' },
            { value: 'on', label: 'On (as Postman)' },
          ]}
          onChange={(v) => set('refererOnRedirect', v === 'on' ? true : undefined)}
        />
        <p className="hint">
          Standard: a 303 and a 302 become GET, a 301 turns POST into GET. Keep method and body is Postman’s
          followOriginalHttpMethod; Referer is the URL redirected from.
        </p>
      </fieldset>
      <fieldset>
        <legend>Body</legend>
        <Choice
          label="Leave the body out on GET"
          value={settings.pruneBody ? 'on' : 'off'}
          options={[
            { value: 'off', label: 'Off (always send it)' },
            { value: 'on', label: 'On (as Postman)' },
          ]}
          onChange={(v) => set('pruneBody', v === 'on' ? true : undefined)}
        />
        <p className="hint">On: no body on GET, HEAD, COPY, PURGE and UNLOCK, as Postman sends them.</p>
      </fieldset>
      <fieldset>
        <legend>TLS and cookies</legend>
        <Choice
          label="Verify TLS certificates"
          value={tri(settings.verifyTls)}
          options={[
            { value: 'default', label: `Default (${defaults ? onOff(defaults.verifyTls) : '…'})` },
            { value: 'on', label: 'On' },
            { value: 'off', label: 'Off: accept invalid certificates' },
          ]}
          onChange={(v) => set('verifyTls', fromTri(v))}
        />
        <Choice
          label="Cookie jar"
          value={tri(settings.useCookieJar)}
          options={triOptions(defaults?.useCookieJar)}
          onChange={(v) => set('useCookieJar', fromTri(v))}
        />
        <Choice
          label="Fresh connection"
          value={tri(settings.freshConnection)}
          options={[
            { value: 'default', label: `Default (${defaults ? onOff(defaults.freshConnection) : '…'})` },
            { value: 'on', label: 'On: a new connection, every phase measured' },
            { value: 'off', label: 'Off: reuse a kept-alive connection' },
          ]}
          onChange={(v) => set('freshConnection', fromTri(v))}
        />
      </fieldset>
      <fieldset>
        <legend>Response</legend>
        <MegabytesField
          label="Response size limit"
          min={1}
          max={4096}
          bytes={settings.maxResponseBytes}
          placeholderBytes={defaults?.maxResponseBytes}
          placeholder=""
          onChange={(bytes) => set('maxResponseBytes', bytes)}
          onClear={() => set('maxResponseBytes', undefined)}
        />
      </fieldset>
      <fieldset>
        <legend>Retries</legend>
        <NumberField
          label="Attempts"
          min={1}
          max={10}
          value={retry?.attempts}
          placeholder={baseRetry ? String(baseRetry.attempts) : ''}
          onChange={(v) => baseRetry && set('retry', { ...(retry ?? baseRetry), attempts: Math.round(v) })}
          onClear={() => set('retry', undefined)}
        />
        {retry && retry.attempts > 1 ? (
          <>
            <NumberField
              label="First backoff"
              unit="ms"
              min={0}
              max={60000}
              value={retry.backoffMs}
              onChange={(v) => set('retry', { ...retry, backoffMs: Math.round(v) })}
            />
            <div className="field field--inline">
              <label htmlFor="retry-statuses">Retry on statuses</label>
              <input
                id="retry-statuses"
                className="field__text"
                value={retry.onStatuses.join(', ')}
                onChange={(event) =>
                  set('retry', {
                    ...retry,
                    onStatuses: event.target.value
                      .split(/[\s,]+/)
                      .map(Number)
                      .filter((n) => Number.isInteger(n) && n >= 100 && n <= 599),
                  })
                }
              />
            </div>
            <Choice
              label="Retry-After"
              value={retry.respectRetryAfter ? 'on' : 'off'}
              options={[
                { value: 'on', label: 'Honour it' },
                { value: 'off', label: 'Ignore it' },
              ]}
              onChange={(v) => set('retry', { ...retry, respectRetryAfter: v === 'on' })}
            />
            <p className="hint">
              Retries 429, 5xx and connection errors with exponential backoff. Add an Idempotency-Key so retried POSTs
              are safe.
            </p>
          </>
        ) : null}
        <Choice
          label="Idempotency-Key"
          value={tri(settings.idempotencyKey)}
          options={triOptions(defaults?.idempotencyKey)}
          onChange={(v) => set('idempotencyKey', fromTri(v))}
        />
      </fieldset>
    </div>
  )
}
