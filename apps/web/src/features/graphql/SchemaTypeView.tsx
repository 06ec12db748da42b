import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLNamedType,
} from 'graphql'
import { SchemaFieldItem } from './SchemaFieldItem'

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'type'
  if (isInterfaceType(type)) return 'interface'
  if (isInputObjectType(type)) return 'input'
  if (isEnumType(type)) return 'enum'
  if (isUnionType(type)) return 'union'
  return 'scalar'
}

/** A type's page in the explorer: its fields (or values, members), each with docs and deprecation. */
export function SchemaTypeView({
  type,
  onOpen,
  onInsert,
}: {
  type: GraphQLNamedType
  onOpen: (name: string) => void
  onInsert?: (name: string) => void
}) {
  const fields =
    isObjectType(type) || isInterfaceType(type) || isInputObjectType(type) ? Object.values(type.getFields()) : []
  return (
    <div className="schema-type">
      <h3 className="schema-type__title">
        <span className="schema-type__kind">{kindOf(type)}</span> {type.name}
      </h3>
      {type.description ? <p className="schema-description">{type.description}</p> : null}
      {isScalarType(type) && type.specifiedByURL ? (
        <p className="schema-description">Specified by {type.specifiedByURL}</p>
      ) : null}
      {fields.length ? (
        <ul className="schema-list" aria-label={`Fields of ${type.name}`}>
          {fields.map((field) => (
            <SchemaFieldItem key={field.name} field={field} onOpen={onOpen} onInsert={onInsert} />
          ))}
        </ul>
      ) : null}
      {isEnumType(type) ? (
        <ul className="schema-list" aria-label={`Values of ${type.name}`}>
          {type.getValues().map((value) => (
            <li key={value.name} className="schema-field" aria-label={value.name}>
              <span className="schema-field__name">{value.name}</span>
              {value.description ? <p className="schema-description">{value.description}</p> : null}
              {value.deprecationReason != null ? (
                <span className="schema-deprecated">
                  Deprecated{value.deprecationReason ? `: ${value.deprecationReason}` : ''}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {isUnionType(type) || isInterfaceType(type) || isObjectType(type) ? (
        <Related type={type} onOpen={onOpen} />
      ) : null}
    </div>
  )
}

function Related({ type, onOpen }: { type: GraphQLNamedType; onOpen: (name: string) => void }) {
  const names = isUnionType(type)
    ? type.getTypes().map((t) => t.name)
    : isObjectType(type) || isInterfaceType(type)
      ? type.getInterfaces().map((t) => t.name)
      : []
  if (names.length === 0) return null
  const label = isUnionType(type) ? 'Members' : 'Implements'
  return (
    <p className="schema-related">
      {label}:{' '}
      {names.map((name) => (
        <button
          key={name}
          type="button"
          className="schema-link"
          onClick={() => onOpen(name)}
          aria-label={`Open type ${name}`}
        >
          {name}
        </button>
      ))}
    </p>
  )
}
