import { finalUrlPreview, type Pair } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { CookieManager, cookieListOptions } from '../cookies'

type CookiesPanelProps = {
  url: string
  pathParams: Pair[]
  cookies: string
  useJar: boolean
  onCookies: (cookies: string) => void
}

/** The request's own Cookie line, and what the jar will add for this URL. */
export function CookiesPanel({ url, pathParams, cookies, useJar, onCookies }: CookiesPanelProps) {
  const [managing, setManaging] = useState(false)
  const target = finalUrlPreview(url, pathParams)
  const fromJar = useQuery({ ...cookieListOptions(target ?? undefined), enabled: target !== null && useJar })
  return (
    <div className="panel-stack">
      <section aria-label="Cookies for this request">
        <h3 className="section-title">Cookies for this request</h3>
        <input
          className="text-input text-input--mono"
          aria-label="Request cookies"
          placeholder="name=value; other=value"
          value={cookies}
          spellCheck={false}
          onChange={(event) => onCookies(event.target.value)}
        />
        <p className="hint">Sent as a Cookie header to this URL's origin only, after the jar's cookies.</p>
      </section>
      <section aria-label="Cookies from the jar">
        <div className="section-head">
          <h3 className="section-title">From the cookie jar</h3>
          <button type="button" className="link-button" onClick={() => setManaging(true)}>
            Manage cookie jar…
          </button>
        </div>
        {!useJar ? <p className="empty-note">The cookie jar is off for this request (Settings tab).</p> : null}
        {useJar && target === null ? <p className="empty-note">Enter a URL to see which cookies go with it.</p> : null}
        {useJar && fromJar.data && fromJar.data.cookies.length === 0 ? (
          <p className="empty-note">No cookies in the jar match this URL.</p>
        ) : null}
        {useJar && fromJar.data && fromJar.data.cookies.length > 0 ? (
          <ul className="chip-list" aria-label="Jar cookies sent with this request">
            {fromJar.data.cookies.map((cookie) => (
              <li
                key={`${cookie.domain}|${cookie.path}|${cookie.name}`}
                className="chip"
                title={`${cookie.domain}${cookie.path}`}
              >
                <span className="chip__name">{cookie.name}</span>=<span className="chip__value">{cookie.value}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <CookieManager open={managing} onClose={() => setManaging(false)} />
    </div>
  )
}
