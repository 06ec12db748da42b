import { isFolderProblem, type WorkspaceFilesStatus } from '@courier/shared'

/** Files Courier cannot read (an error each, never overwritten), what the sync decided, credentials typed in literally. */
export function FileProblems({ status }: { status: WorkspaceFilesStatus }) {
  // The folder's own problem (gone, unmounted) is not a file to fix.
  const folder = status.problems.filter(isFolderProblem)
  const files = status.problems.filter((problem) => !isFolderProblem(problem))
  return (
    <>
      {folder.length ? (
        <section className="git-view__problems" aria-label="The workspace folder">
          <h3 className="git-view__heading">The workspace folder</h3>
          <ul className="git-view__issues" role="list">
            {folder.map((problem) => (
              <li key={problem.message} className="git-view__issue git-view__issue--error">
                <span className="git-view__issue-text">{problem.message}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {files.length ? (
        <section className="git-view__problems" aria-label="Files Courier cannot read">
          <h3 className="git-view__heading">
            {files.length === 1 ? 'A file Courier cannot read' : `${files.length} files Courier cannot read`}
          </h3>
          <p className="git-view__note">Courier will not overwrite these files until they read again.</p>
          <ul className="git-view__issues" role="list">
            {files.map((problem) => (
              <li key={problem.path} className="git-view__issue git-view__issue--error">
                <code className="git-view__path" title={problem.path}>
                  {problem.path}
                </code>
                <span className="git-view__issue-text">{problem.message}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {status.notices.length ? (
        <section className="git-view__notices" aria-label="What the sync decided">
          <h3 className="git-view__heading">What the sync decided</h3>
          <ul className="git-view__issues" role="list">
            {status.notices.map((notice) => (
              <li key={`${notice.at} ${notice.message}`} className="git-view__issue git-view__issue--note">
                <span className="git-view__issue-text">{notice.message}</span>
                <time className="git-view__path" dateTime={notice.at}>
                  {new Date(notice.at).toLocaleString()}
                </time>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {status.literalCredentials.length ? (
        <section className="git-view__credentials" aria-label="Credentials typed in literally">
          <h3 className="git-view__heading">Credentials typed in literally</h3>
          <ul className="git-view__issues" role="list">
            {status.literalCredentials.map((credential) => (
              <li key={`${credential.path} ${credential.field}`} className="git-view__issue git-view__issue--warn">
                <span className="git-view__issue-text">
                  <strong>{credential.name}</strong> · {credential.field}: committing writes it into the repository; use
                  a secret variable.
                </span>
                <code className="git-view__path" title={credential.path}>
                  {credential.path}
                </code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
