import type { GraphQLArgument, GraphQLField, GraphQLInputField } from 'graphql'
import { TypeRef } from './TypeRef'

type AnyField = GraphQLField<unknown, unknown> | GraphQLInputField

function Deprecated({ reason }: { reason: string | null | undefined }) {
  if (reason == null) return null
  return <span className="schema-deprecated">Deprecated{reason ? `: ${reason}` : ''}</span>
}

function Args({ args, onOpen }: { args: readonly GraphQLArgument[]; onOpen: (name: string) => void }) {
  if (args.length === 0) return null
  return (
    <>
      (
      {args.map((arg, index) => (
        <span key={arg.name} className="schema-arg">
          {index > 0 ? ', ' : ''}
          <span className="schema-arg__name">{arg.name}</span>: <TypeRef type={arg.type} onOpen={onOpen} />
        </span>
      ))}
      )
    </>
  )
}

/** One field: name, arguments, type, description and deprecation; root fields can be inserted into the query. */
export function SchemaFieldItem({
  field,
  onOpen,
  onInsert,
}: {
  field: AnyField
  onOpen: (name: string) => void
  onInsert?: (name: string) => void
}) {
  const args = 'args' in field ? field.args : []
  return (
    <li className={`schema-field${field.deprecationReason != null ? ' is-deprecated' : ''}`} aria-label={field.name}>
      <div className="schema-field__signature">
        <span className="schema-field__name">{field.name}</span>
        <Args args={args} onOpen={onOpen} />: <TypeRef type={field.type} onOpen={onOpen} />
        {onInsert ? (
          <button
            type="button"
            className="schema-insert"
            aria-label={`Insert ${field.name} into the query`}
            title="Insert into the query"
            onClick={() => onInsert(field.name)}
          >
            +
          </button>
        ) : null}
      </div>
      {field.description ? <p className="schema-description">{field.description}</p> : null}
      <Deprecated reason={field.deprecationReason} />
    </li>
  )
}
