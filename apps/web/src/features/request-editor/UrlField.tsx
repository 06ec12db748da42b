import { VariableInput } from '../../shared/variables/VariableInput'
import { useEditorActions } from '../import-export'

type UrlFieldProps = { value: string; onChange: (value: string) => void }

/** The URL input: `{{variables}}` coloured and explained in place; a pasted cURL command fills the whole request. */
export function UrlField({ value, onChange }: UrlFieldProps) {
  const actions = useEditorActions()
  return (
    <VariableInput
      wrapperClassName="url-field"
      className="url-bar__url"
      aria-label="Request URL"
      placeholder="https://api.example.com/users/:id?page=1"
      spellCheck={false}
      autoComplete="off"
      value={value}
      onChange={onChange}
      onPaste={(event) => {
        // A pasted `curl …` command fills the whole request, not just the URL.
        if (actions?.pasteCurl(event.clipboardData.getData('text'))) event.preventDefault()
      }}
    />
  )
}
