import type { RequestSpec } from '@courier/shared'
import type { FastifyInstance } from 'fastify'

/** Resolves `{{variables}}` in every part of the request before it is authorized and sent. */
export async function resolveRequest(_fastify: FastifyInstance, spec: RequestSpec, _environmentId: string | undefined): Promise<RequestSpec> {
  return spec
}
