import type { Auth } from '@courier/shared'
import { authSummary } from './auth-summary'
import { TYPE_LABELS } from './auth-types'
import type { InheritedAuth } from './inherited-auth'

/**
 * What "Inherit from parent" will send, and from where: the scheme, the collection or folder it
 * comes from (with a button to its settings), or that there is nothing to inherit.
 */
export function InheritedAuthNote({
  inherited,
  effective,
}: {
  inherited: InheritedAuth | null | undefined
  effective: Auth
}) {
  if (inherited === undefined)
    return (
      <p className="auth-inherited__note auth-inherited__note--none">
        This request is not in a collection, so there is nothing to inherit: it is sent without auth. Save it in a
        collection to use the collection’s auth, or choose an auth type above.
      </p>
    )
  if (inherited === null)
    return (
      <p className="auth-inherited__note auth-inherited__note--none">
        Neither its collection nor its folders set auth, so this request is sent without auth.
      </p>
    )
  const level = inherited.level
  const where = level ? `${level.kind} “${level.name}”` : inherited.from
  return (
    <div className="auth-inherited__note">
      {effective.type === 'none' ? (
        <p>
          The {where} sets <strong>No auth</strong>, so this request is sent without auth.
        </p>
      ) : (
        <p>
          Inherits <strong>{TYPE_LABELS[effective.type]}</strong> from {level?.kind ?? 'parent'}{' '}
          <strong>{level ? `“${level.name}”` : inherited.from}</strong>
          {authSummary(effective) === TYPE_LABELS[effective.type] ? null : (
            <span className="auth-inherited__summary">{authSummary(effective)}</span>
          )}
        </p>
      )}
      {inherited.open && level ? (
        <button type="button" className="button button--small" onClick={inherited.open}>
          Open {level.kind} settings
        </button>
      ) : null}
    </div>
  )
}
