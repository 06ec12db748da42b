import type { SendDefaults } from '@courier/shared'
import { MegabytesField, NumberField, Switch } from '../../shared/ui/fields'

/** The global send defaults as a form (timeouts, redirects, TLS, cookie jar, retries, response and concurrency limits). */
export function SendSettingsForm({
  value,
  onChange,
}: {
  value: SendDefaults
  onChange: (value: SendDefaults) => void
}) {
  const set = <K extends keyof SendDefaults>(key: K, next: SendDefaults[K]) => onChange({ ...value, [key]: next })
  return (
    <div className="settings-form">
      <fieldset>
        <legend>Timeouts</legend>
        <NumberField
          label="Total timeout"
          unit="s"
          value={value.timeoutMs / 1000}
          min={1}
          max={300}
          onChange={(v) => set('timeoutMs', Math.round(v * 1000))}
        />
        <NumberField
          label="Connect timeout"
          unit="s"
          value={value.connectTimeoutMs / 1000}
          min={0.1}
          max={120}
          step={0.1}
          onChange={(v) => set('connectTimeoutMs', Math.round(v * 1000))}
        />
      </fieldset>
      <fieldset>
        <legend>Redirects</legend>
        <Switch label="Follow redirects" checked={value.followRedirects} onChange={(v) => set('followRedirects', v)} />
        <NumberField
          label="Maximum redirects"
          value={value.maxRedirects}
          min={0}
          max={50}
          onChange={(v) => set('maxRedirects', Math.round(v))}
        />
      </fieldset>
      <fieldset>
        <legend>Security and cookies</legend>
        <Switch label="Verify TLS certificates" checked={value.verifyTls} onChange={(v) => set('verifyTls', v)} />
        <Switch label="Use the cookie jar" checked={value.useCookieJar} onChange={(v) => set('useCookieJar', v)} />
        <MegabytesField
          label="Response size limit"
          bytes={value.maxResponseBytes}
          min={1}
          max={4096}
          onChange={(bytes) => set('maxResponseBytes', bytes)}
        />
        <NumberField
          label="Concurrent sends"
          value={value.maxConcurrentSends}
          min={1}
          max={1000}
          onChange={(v) => set('maxConcurrentSends', Math.round(v))}
        />
      </fieldset>
      <fieldset>
        <legend>Retries</legend>
        <NumberField
          label="Attempts"
          value={value.retry.attempts}
          min={1}
          max={10}
          onChange={(v) => set('retry', { ...value.retry, attempts: Math.round(v) })}
        />
        <NumberField
          label="First backoff"
          unit="ms"
          value={value.retry.backoffMs}
          min={0}
          max={60000}
          onChange={(v) => set('retry', { ...value.retry, backoffMs: Math.round(v) })}
        />
        <Switch
          label="Add an Idempotency-Key to every request"
          checked={value.idempotencyKey}
          onChange={(v) => set('idempotencyKey', v)}
        />
        <Switch
          label="Open a fresh connection for every send"
          checked={value.freshConnection}
          onChange={(v) => set('freshConnection', v)}
        />
        <p className="hint">
          Off: connections are kept alive and reused per origin, and a reused one shows the phases of the send that
          opened it. On: every send measures its own DNS, connect and TLS.
        </p>
      </fieldset>
    </div>
  )
}
