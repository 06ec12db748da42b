import { useSyncExternalStore } from 'react'
import { failureNotices } from './failure-notices'
import './failure-notice.css'

/** The latest action that failed, what the server said and what to do; stays until dismissed. */
export function FailureNotice() {
  const notice = useSyncExternalStore(failureNotices.subscribe, failureNotices.get)
  return (
    <div className="failure-region" role="alert">
      {notice ? (
        <div className="failure-notice">
          <div className="failure-notice__text">
            <strong className="failure-notice__action">{notice.action}.</strong>{' '}
            <span className="failure-notice__message">{notice.message}</span>{' '}
            <span className="failure-notice__next">{notice.next}</span>
          </div>
          <button
            type="button"
            className="icon-button failure-notice__close"
            aria-label="Dismiss error"
            onClick={() => failureNotices.dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ) : null}
    </div>
  )
}
