import { keptSentence, type KeptSave } from './kept-changes'
import './outbox.css'

type Props = {
  kept: readonly KeptSave[]
  /** Where to sign in again (team server), or null. The same tab: the kept changes are in this browser. */
  signInHref: string | null
  onRetry: () => void
}

/** Says which saves wait in this browser and what will send them: back online, or signed in again. */
export function OutboxBanner({ kept, signInHref, onRetry }: Props) {
  if (kept.length === 0) return null
  const signedOut = kept.some((change) => change.reason === 'signed-out')
  return (
    <section className="banner outbox-banner" role="status" aria-label="Changes not saved yet">
      <span className="outbox-banner__text">
        {keptSentence(kept)}{' '}
        <span className="outbox-banner__names">Waiting: {kept.map((change) => `“${change.title}”`).join(', ')}.</span>
      </span>
      {signedOut && signInHref ? (
        <a className="button button--small button--primary" href={signInHref}>
          Sign in again
        </a>
      ) : (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try now
        </button>
      )}
    </section>
  )
}
