import type { ResponseRecord, SetCookie } from '@courier/shared'
import { cookiesOf } from './cookies-of'
import '../../../shared/ui/data-table.css'
import './cookies.css'

function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}

function expiry(cookie: SetCookie): string {
  if (cookie.maxAge !== undefined)
    return cookie.maxAge <= 0 ? 'Deleted (Max-Age ≤ 0)' : `in ${cookie.maxAge} s (Max-Age)`
  if (cookie.expires) {
    const date = new Date(cookie.expires)
    return date.getTime() <= Date.now() ? `Deleted (expired ${date.toLocaleString()})` : date.toLocaleString()
  }
  return 'Session'
}

export function CookiesPanel({ record }: { record: ResponseRecord }) {
  const cookies = cookiesOf(record)
  if (cookies.length === 0) return <p className="empty-note">This response set no cookies.</p>
  const host = hostOf(record.request.url)
  return (
    <table className="data-table" aria-label="Response cookies">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">Domain</th>
          <th scope="col">Path</th>
          <th scope="col">Expires</th>
          <th scope="col">Flags</th>
        </tr>
      </thead>
      <tbody>
        {cookies.map((cookie, index) => (
          <tr key={index}>
            <th scope="row" className="mono">
              {cookie.name}
            </th>
            <td className="mono cookie-value">{cookie.value}</td>
            <td className="mono">
              {cookie.domain ?? (
                <span title="No Domain attribute: sent only to this exact host">{host} (host only)</span>
              )}
            </td>
            <td className="mono">{cookie.path ?? '/'}</td>
            <td>{expiry(cookie)}</td>
            <td>
              <span className="flags">
                {cookie.secure ? <span className="flag">Secure</span> : null}
                {cookie.httpOnly ? <span className="flag">HttpOnly</span> : null}
                {cookie.sameSite ? <span className="flag">SameSite={cookie.sameSite}</span> : null}
                {cookie.stored === false ? (
                  <span className="flag flag--warn" title={cookie.rejectedReason}>
                    Not stored
                  </span>
                ) : null}
                {!cookie.secure && !cookie.httpOnly && !cookie.sameSite && cookie.stored !== false ? (
                  <span className="flag flag--none">none</span>
                ) : null}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
