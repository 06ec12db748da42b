import type { OAuthDeviceView } from '@courier/shared'
import { formatClock } from '../../../shared/format/format'
import { copyText } from '../../../shared/ui/copy-text'

/** RFC 8628 §3.3: the code to type and where, while Courier polls. */
export function DeviceCodeCard({ device }: { device: OAuthDeviceView }) {
  return (
    <section className="device-code" aria-label="Device code">
      <p>On any device, open the verification page and enter this code:</p>
      <p className="device-code__row">
        <output className="device-code__code" aria-label="User code">
          {device.userCode}
        </output>
        <button type="button" className="button button--small" onClick={() => void copyText(device.userCode)}>
          Copy code
        </button>
      </p>
      <p>
        <a href={device.verificationUri} target="_blank" rel="noopener noreferrer" aria-label="Verification page">
          {device.verificationUri}
        </a>
        {device.verificationUriComplete ? (
          <>
            {' · '}
            <a href={device.verificationUriComplete} target="_blank" rel="noopener noreferrer">
              open it with the code filled in
            </a>
          </>
        ) : null}
      </p>
      <p className="hint">
        Courier polls every {device.intervalSeconds} s until {formatClock(device.expiresAt)}.
      </p>
    </section>
  )
}
