import { useEffect, useState } from 'react'
import { copyText } from '../../shared/ui/copy-text'

/** "Copy URL", then "Copied" for a moment. `label` names it for a screen reader (which URL). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 1500)
    return () => clearTimeout(timer)
  }, [copied])
  return (
    <button
      type="button"
      className="button button--small"
      aria-label={label}
      onClick={() => void copyText(text).then(() => setCopied(true))}
    >
      {copied ? 'Copied' : 'Copy URL'}
    </button>
  )
}
