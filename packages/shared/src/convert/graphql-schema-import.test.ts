import { buildSchema, getIntrospectionQuery, graphqlSync, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { importText } from './import-text.js'

// The Star Wars schema of graphql-js' own tests, with a mutation, a subscription, an input type and a cycle.
const STAR_WARS = `
"""The Star Wars trilogy."""
schema { query: Query mutation: Mutation subscription: Subscription }
enum Episode { NEWHOPE EMPIRE JEDI }
interface Character { id: ID! name: String friends: [Character] appearsIn: [Episode] }
type Human implements Character {
  id: ID! name: String friends: [Character] appearsIn: [Episode] homePlanet: String
  starships(first: Int!): [Starship]
}
type Droid implements Character { id: ID! name: String friends: [Character] appearsIn: [Episode] primaryFunction: String }
type Starship { id: ID! name: String length(unit: LengthUnit = METER): Float }
enum LengthUnit { METER FOOT }
union SearchResult = Human | Droid | Starship
type Review { episode: Episode stars: Int! commentary: String author: Human }
input ReviewInput { stars: Int! commentary: String favorite: ColorInput }
input ColorInput { red: Int! green: Int! blue: Int! }
type Query {
  "The hero of an episode."
  hero(episode: Episode): Character
  human(id: ID!): Human
  droid(id: ID!): Droid @deprecated(reason: "Use character.")
  search(text: String!): [SearchResult]
  reviews(episode: Episode!): [Review]
}
type Mutation { createReview(episode: Episode, review: ReviewInput!): Review }
type Subscription { reviewAdded(episode: Episode): Review }
`

function requests(result: Awaited<ReturnType<typeof importText>>) {
  const items = result.collections[0]!.items
  const folders = new Map(items.filter((i) => i.kind === 'folder').map((f) => [f.id, f.name]))
  return items.flatMap((i) =>
    i.kind === 'request' && i.request.body.kind === 'graphql'
      ? [{ folder: folders.get(i.parentId ?? ''), name: i.name, url: i.request.url, body: i.request.body }]
      : [],
  )
}

describe('GraphQL schema import', () => {
  const schema = buildSchema(STAR_WARS)

  it('makes one request per root field in Queries, Mutations and Subscriptions, each valid against the schema', async () => {
    const result = await importText(STAR_WARS, { name: 'uploads/star-wars.graphql' })
    expect(result.report.format).toBe('graphql-schema')
    expect(result.collections[0]!.name).toBe('star-wars')
    expect(result.collections[0]!.variables).toEqual([{ name: 'graphqlUrl', value: '', enabled: true, secret: false }])
    const list = requests(result)
    expect(list.map((r) => `${r.folder}/${r.name}`)).toEqual([
      'Queries/hero',
      'Queries/human',
      'Queries/droid',
      'Queries/search',
      'Queries/reviews',
      'Mutations/createReview',
      'Subscriptions/reviewAdded',
    ])
    for (const r of list) {
      expect(r.url).toBe('{{graphqlUrl}}')
      expect(validate(schema, parse(r.body.query)), `${r.name}:\n${r.body.query}`).toEqual([])
      expect(r.body.operationName).toMatch(/^[A-Z]/)
    }
    expect(result.report.skipped).toEqual([])
  })

  it('turns arguments into variables with a JSON skeleton and selects two levels, cutting cycles', async () => {
    const list = requests(await importText(STAR_WARS))
    const create = list.find((r) => r.name === 'createReview')!
    expect(create.body.query).toContain('mutation CreateReview($episode: Episode, $review: ReviewInput!)')
    expect(create.body.query).toContain('createReview(episode: $episode, review: $review)')
    expect(JSON.parse(create.body.variables)).toEqual({
      episode: 'NEWHOPE',
      review: { stars: 0, commentary: '', favorite: { red: 0, green: 0, blue: 0 } },
    })
    // Review's scalars, and its author's (a Human) scalars; not the author's friends (depth 2).
    expect(create.body.query).toMatch(/author \{\n\s+id\n\s+name\n\s+appearsIn\n\s+homePlanet\n\s+\}/)
    expect(create.body.query).not.toContain('friends')
    const human = list.find((r) => r.name === 'human')!
    expect(human.body.query).not.toContain('starships') // a required argument: left for the user
    const search = list.find((r) => r.name === 'search')!
    expect(search.body.query).toContain('... on Droid')
    const droid = list.find((r) => r.name === 'droid')!
    expect(droid.body.query).toMatch(/^# Deprecated: Use character\./)
    expect(list.find((r) => r.name === 'hero')!.body.query).toMatch(/^# The hero of an episode\./)
    expect(list.find((r) => r.name === 'reviewAdded')!.body.query).toContain('# A subscription')
  })

  it('reads an introspection result as a server answers it', async () => {
    const answer = graphqlSync({ schema, source: getIntrospectionQuery({ descriptions: true }) })
    const result = await importText(JSON.stringify(answer))
    expect(result.report.formatLabel).toBe('GraphQL introspection result')
    const list = requests(result)
    expect(list).toHaveLength(7)
    for (const r of list) expect(validate(schema, parse(r.body.query))).toEqual([])
  })

  it('says in a sentence why a broken schema cannot be imported', async () => {
    await expect(importText('type Query { hero: Nope }')).rejects.toThrow(
      /GraphQL schema \(SDL\) is not valid: Unknown type "Nope"/,
    )
    await expect(importText('{"data": {"__schema": {"queryType": {"name": "Q"}, "types": []}}}')).rejects.toThrow(
      /introspection result is not valid/,
    )
    await expect(importText('{"data": {"__schema": {"types": []}}}')).rejects.toThrow(
      /has no Query, Mutation or Subscription/,
    )
  })
})

describe('looksLikeSdl', () => {
  it('takes type system definitions, not YAML or JSON that happen to start with "type"', async () => {
    const { looksLikeSdl } = await import('./graphql-schema-import.js')
    expect(looksLikeSdl('# the API\ntype Query { a: Int }')).toBe(true)
    expect(looksLikeSdl('"""Docs."""\nschema { query: Q }\ntype Q { a: Int }')).toBe(true)
    expect(looksLikeSdl('directive @key(fields: String!) on OBJECT\ntype Query { a: Int }')).toBe(true)
    expect(looksLikeSdl('extend type Query { b: Int }')).toBe(true)
    expect(looksLikeSdl('type: collection.insomnia.rest/5.0\nname: API')).toBe(false)
    expect(looksLikeSdl('{"type": "object"}')).toBe(false)
    expect(looksLikeSdl('openapi: 3.0.0\ninfo: { title: types }')).toBe(false)
  })
})
