import { getNamedType, type GraphQLType } from 'graphql'

/** `[Character!]!` with the named type as a link into the explorer. */
export function TypeRef({ type, onOpen }: { type: GraphQLType; onOpen: (name: string) => void }) {
  const named = getNamedType(type)
  const [before, after] = type.toString().split(named.name) as [string, string]
  return (
    <span className="schema-type-ref">
      {before}
      <button
        type="button"
        className="schema-link"
        onClick={() => onOpen(named.name)}
        aria-label={`Open type ${named.name}`}
      >
        {named.name}
      </button>
      {after}
    </span>
  )
}
