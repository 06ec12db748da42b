import type { JarCookie } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Dialog } from '../../shared/ui/Dialog'
import { cookieListOptions, useClearCookies, useDeleteCookie, usePutCookie } from './cookie-queries'
import '../../shared/ui/data-table.css'
import './cookie-manager.css'

const EMPTY: JarCookie = {
  domain: '',
  path: '/',
  name: '',
  value: '',
  expires: null,
  secure: false,
  httpOnly: false,
  sameSite: null,
  hostOnly: true,
}

function expiresText(expires: string | null): string {
  return expires ? new Date(expires).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'Session'
}

/** The workspace cookie jar: every cookie Courier keeps, to view, add, edit and delete. */
export function CookieManager({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { data, error } = useQuery({ ...cookieListOptions(), enabled: open })
  const put = usePutCookie({ shownInline: true })
  const remove = useDeleteCookie()
  const clear = useClearCookies()
  const [editing, setEditing] = useState<JarCookie | null>(null)

  const save = (event: FormEvent) => {
    event.preventDefault()
    if (!editing) return
    put.mutate(editing, { onSuccess: () => setEditing(null) })
  }

  const cookies = data?.cookies ?? []
  return (
    <Dialog
      title="Cookie jar"
      open={open}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="button" onClick={() => setEditing({ ...EMPTY })}>
            Add cookie
          </button>
          <span className="dialog__spacer" />
          {cookies.length > 0 ? (
            <button
              type="button"
              className="button"
              onClick={() => window.confirm('Delete every cookie in the jar?') && clear.mutate()}
            >
              Delete all
            </button>
          ) : null}
          <button type="button" className="button button--primary" onClick={onClose}>
            Done
          </button>
        </>
      }
    >
      <p className="hint">
        Cookies servers set are kept here and sent on later requests to matching domains and paths, like a browser or a
        requests Session.
      </p>
      {error ? <p className="inline-warning">{error.message}</p> : null}
      {cookies.length === 0 && !editing ? <p className="empty-note">The jar is empty.</p> : null}
      {cookies.length > 0 ? (
        <table className="data-table" aria-label="Cookies in the jar">
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">Path</th>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Expires</th>
              <th scope="col">Flags</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cookies.map((cookie) => (
              <tr key={`${cookie.domain}|${cookie.path}|${cookie.name}`}>
                <td>{cookie.hostOnly ? cookie.domain : `.${cookie.domain}`}</td>
                <td>{cookie.path}</td>
                <td className="data-table__strong">{cookie.name}</td>
                <td className="data-table__value" title={cookie.value}>
                  {cookie.value}
                </td>
                <td>{expiresText(cookie.expires)}</td>
                <td className="data-table__flags">
                  {[
                    cookie.secure && 'Secure',
                    cookie.httpOnly && 'HttpOnly',
                    cookie.sameSite && `SameSite=${cookie.sameSite}`,
                  ]
                    .filter(Boolean)
                    .join(' ')}
                </td>
                <td className="data-table__actions">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Edit cookie ${cookie.name}`}
                    onClick={() => setEditing(cookie)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="link-button link-button--danger"
                    aria-label={`Delete cookie ${cookie.name}`}
                    onClick={() => remove.mutate({ domain: cookie.domain, path: cookie.path, name: cookie.name })}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {editing ? (
        <form className="cookie-form" aria-label="Cookie" onSubmit={save}>
          <label className="field">
            <span>Domain</span>
            <input
              required
              value={editing.domain}
              placeholder="api.example.com"
              onChange={(e) => setEditing({ ...editing, domain: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Path</span>
            <input required value={editing.path} onChange={(e) => setEditing({ ...editing, path: e.target.value })} />
          </label>
          <label className="field">
            <span>Name</span>
            <input required value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
          </label>
          <label className="field field--wide">
            <span>Value</span>
            <input value={editing.value} onChange={(e) => setEditing({ ...editing, value: e.target.value })} />
          </label>
          <label className="field">
            <span>Expires</span>
            <input
              type="datetime-local"
              value={editing.expires ? editing.expires.slice(0, 16) : ''}
              onChange={(e) =>
                setEditing({ ...editing, expires: e.target.value ? new Date(e.target.value).toISOString() : null })
              }
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={editing.secure}
              onChange={(e) => setEditing({ ...editing, secure: e.target.checked })}
            />{' '}
            Secure
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={editing.httpOnly}
              onChange={(e) => setEditing({ ...editing, httpOnly: e.target.checked })}
            />{' '}
            HttpOnly
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={!editing.hostOnly}
              onChange={(e) => setEditing({ ...editing, hostOnly: !e.target.checked })}
            />{' '}
            Include subdomains
          </label>
          <div className="cookie-form__actions">
            {put.error ? <span className="inline-error">{put.error.message}</span> : null}
            <button type="button" className="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
            <button type="submit" className="button button--primary">
              Save cookie
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  )
}
