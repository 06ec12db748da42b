import type { GraphQLSchema } from 'graphql'
import { useId, useState } from 'react'
import { SchemaTypeView } from './SchemaTypeView'
import { browsableTypes, searchSchema } from './schema-search'
import './schema-explorer.css'

/**
 * Browses a schema: the root types, every type's fields with arguments, docs and deprecation, and a
 * search across type and field names. Type names are links; the breadcrumb goes back.
 */
export function SchemaExplorer({
  schema,
  onInsert,
  onClose,
}: {
  schema: GraphQLSchema
  onInsert?: (field: string) => void
  onClose: () => void
}) {
  const [path, setPath] = useState<string[]>([])
  const [search, setSearch] = useState('')
  const searchId = useId()
  const open = (name: string) => {
    setSearch('')
    setPath((p) => (p[p.length - 1] === name ? p : [...p, name]))
  }
  const current = path.length ? schema.getType(path[path.length - 1]!) : null
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t) => t != null)
  const rootNames = new Set(roots.map((t) => t.name))
  const hits = searchSchema(schema, search)
  return (
    <aside className="schema-explorer" aria-label="Schema explorer">
      <div className="schema-explorer__head">
        <label htmlFor={searchId} className="visually-hidden">
          Search schema
        </label>
        <input
          id={searchId}
          type="search"
          className="schema-explorer__search"
          placeholder="Search types and fields"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="button" className="icon-button" aria-label="Close schema explorer" onClick={onClose}>
          ×
        </button>
      </div>
      <nav aria-label="Schema path" className="schema-breadcrumb">
        <button type="button" className="schema-link" onClick={() => setPath([])}>
          Schema
        </button>
        {path.map((name, index) => (
          <span key={`${name}-${index}`}>
            {' › '}
            <button
              type="button"
              className="schema-link"
              aria-current={index === path.length - 1 ? 'page' : undefined}
              onClick={() => setPath(path.slice(0, index + 1))}
            >
              {name}
            </button>
          </span>
        ))}
      </nav>
      <div className="schema-explorer__body">
        {search.trim() ? (
          <ul className="schema-list" aria-label="Search results">
            {hits.length === 0 ? (
              <li className="schema-description">Nothing in the schema matches “{search}”.</li>
            ) : null}
            {hits.map((hit) => (
              <li key={`${hit.type}.${hit.field ?? ''}`}>
                <button type="button" className="schema-link" onClick={() => open(hit.type)}>
                  {hit.field ? `${hit.type}.${hit.field}` : hit.type}
                </button>
                {hit.deprecated ? <span className="schema-deprecated"> deprecated</span> : null}
              </li>
            ))}
          </ul>
        ) : current ? (
          <SchemaTypeView type={current} onOpen={open} onInsert={rootNames.has(current.name) ? onInsert : undefined} />
        ) : (
          <>
            {schema.description ? <p className="schema-description">{schema.description}</p> : null}
            <h3 className="schema-explorer__heading">Root types</h3>
            <TypeList label="Root types" types={roots} onOpen={open} />
            <h3 className="schema-explorer__heading">All types</h3>
            <TypeList label="All types" types={browsableTypes(schema)} onOpen={open} />
          </>
        )}
      </div>
    </aside>
  )
}

/** A list of type names, each opening that type. */
function TypeList({
  label,
  types,
  onOpen,
}: {
  label: string
  types: readonly { name: string }[]
  onOpen: (name: string) => void
}) {
  return (
    <ul className="schema-list" aria-label={label}>
      {types.map((type) => (
        <li key={type.name}>
          <button type="button" className="schema-link" onClick={() => onOpen(type.name)}>
            {type.name}
          </button>
        </li>
      ))}
    </ul>
  )
}
