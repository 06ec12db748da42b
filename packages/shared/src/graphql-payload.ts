import type { RequestBody } from './request-spec.js'

type GraphqlBody = Extract<RequestBody, { kind: 'graphql' }>

/**
 * The JSON a GraphQL body is sent as: `{ query, variables?, operationName? }`. Variables that are
 * not a JSON object are reported, not thrown: the engine refuses them, generated code keeps the text.
 */
export function graphqlPayload(body: GraphqlBody): {
  payload: Record<string, unknown>
  variablesProblem: string | null
} {
  const payload: Record<string, unknown> = { query: body.query }
  let variablesProblem: string | null = null
  if (body.variables.trim() !== '') {
    try {
      const variables: unknown = JSON.parse(body.variables)
      if (typeof variables !== 'object' || variables === null || Array.isArray(variables))
        variablesProblem = 'The GraphQL variables must be a JSON object.'
      payload.variables = variables
    } catch (error) {
      variablesProblem = `The GraphQL variables are not valid JSON (${error instanceof Error ? error.message : String(error)}).`
      payload.variables = body.variables
    }
  }
  if (body.operationName) payload.operationName = body.operationName
  return { payload, variablesProblem }
}
