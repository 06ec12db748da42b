import type { JwtView } from '@courier/shared'
import { claimTime } from '../auth-time'

const SIGNATURE_TEXT = {
  verified: 'Signature verified',
  invalid: 'Signature not valid',
  unavailable: 'Signature not checked',
} as const

function value(text: unknown): string {
  return typeof text === 'string' ? text : JSON.stringify(text)
}

function ClaimsTable({ label, entries }: { label: string; entries: [string, unknown][] }) {
  return (
    <table className="jwt__table" aria-label={label}>
      <tbody>
        {entries.map(([name, claim]) => {
          const time = claimTime(name, claim)
          return (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>
                <code>{value(claim)}</code>
                {time ? <span className="jwt__time">{time}</span> : null}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/** A decoded JWT: whether its signature checked out, then header and claims. */
export function JwtDetails({ name, jwt }: { name: string; jwt: JwtView }) {
  return (
    <details className="jwt" open>
      <summary>
        <span className="jwt__name">{name}</span>
        <span
          className={`auth-badge auth-badge--${jwt.signature.status === 'verified' ? 'ok' : jwt.signature.status === 'invalid' ? 'bad' : 'muted'}`}
        >
          {SIGNATURE_TEXT[jwt.signature.status]}
        </span>
      </summary>
      <p className="hint">{jwt.signature.detail}</p>
      <div className="jwt__parts">
        <ClaimsTable label={`${name} header`} entries={Object.entries(jwt.header)} />
        <ClaimsTable label={`${name} claims`} entries={Object.entries(jwt.claims)} />
      </div>
    </details>
  )
}
