import './form-panel.css'

/** What a form cannot save yet, in words, announced when it appears; nothing when all is well. */
export function FormProblems({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null
  return (
    <ul className="form-panel__problems" role="alert">
      {problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  )
}
