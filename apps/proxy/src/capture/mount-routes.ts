import type { FastifyInstance } from 'fastify'
import { captureUrlOf, endpoints, type CaptureMount } from '@courier/shared'
import { CourierError } from '../errors.js'
import { isMetadataHostname } from '../engine/address-policy.js'
import { parseInput } from '../routes/parse-input.js'
import type { Scope } from '../team/scope.js'
import type { StoredMount } from '../storage/capture-mount-store.js'

export type MountRoutesOptions = {
  /** The origin a captured app calls (team: `--public-url`; else where this server listens). */
  publicOrigin: () => string
}

/**
 * A person's capture mounts in the workspace they work in: list, create, change, delete. The name
 * is server-wide (it is the URL), the rest the owner's. An upstream is checked here only for what
 * its text already says (scheme, a cloud metadata name); where it really connects is checked by the
 * destination policy on every forwarded request.
 */
export default async function mountRoutes(fastify: FastifyInstance, options: MountRoutesOptions) {
  const { listCaptureMounts, createCaptureMount, updateCaptureMount, deleteCaptureMount } = endpoints
  const store = () => fastify.store.captureMounts
  const view = ({ userId: _user, workspaceId: _workspace, ...mount }: StoredMount): CaptureMount => ({
    ...mount,
    url: captureUrlOf(options.publicOrigin(), mount.name),
  })

  /** An upstream's own text: a URL, http(s), no credentials in it, not a metadata name; an environment of this workspace. */
  async function check(upstream: string | undefined, environmentId: string | null | undefined, scope: Scope) {
    if (upstream !== undefined) {
      let url: URL
      try {
        url = new URL(upstream)
      } catch {
        throw new CourierError(
          'URL_INVALID',
          `The upstream "${upstream}" is not a URL; give one like https://api.example.com.`,
          {
            field: 'upstream',
          },
        )
      }
      if (url.username || url.password) {
        throw new CourierError(
          'URL_INVALID',
          'Put credentials in the mount’s headers (with a secret variable), not in the upstream URL.',
          { field: 'upstream' },
        )
      }
      if (url.search || url.hash) {
        throw new CourierError('URL_INVALID', 'The upstream is a base URL: leave out its ?query and #fragment.', {
          field: 'upstream',
        })
      }
      if (isMetadataHostname(url.hostname)) {
        throw new CourierError(
          'TARGET_FORBIDDEN',
          `Courier does not forward to ${url.hostname}: cloud metadata addresses are blocked.`,
          {
            field: 'upstream',
          },
        )
      }
    }
    if (environmentId) {
      const environment = await scope.data.environments.get(environmentId)
      if (!environment) {
        throw new CourierError('NOT_FOUND', 'The environment chosen for this mount does not exist in this workspace.', {
          field: 'environmentId',
        })
      }
    }
  }

  fastify.get(listCaptureMounts.path, async (request): Promise<CaptureMount[]> => {
    const { actor, workspaceId } = request.scope
    return (await store().list(actor.userId, workspaceId)).map(view)
  })

  fastify.post(createCaptureMount.path, async (request): Promise<CaptureMount> => {
    const input = parseInput(createCaptureMount.body, request.body)
    const { actor, workspaceId } = request.scope
    await check(input.upstream, input.environmentId, request.scope)
    return view(await store().create(actor.userId, workspaceId, input))
  })

  fastify.patch(updateCaptureMount.path, async (request): Promise<CaptureMount> => {
    const { id } = parseInput(updateCaptureMount.params, request.params)
    const patch = parseInput(updateCaptureMount.body, request.body)
    const { actor, workspaceId } = request.scope
    await check(patch.upstream, patch.environmentId, request.scope)
    return view(await store().update(id, actor.userId, workspaceId, patch))
  })

  fastify.delete(deleteCaptureMount.path, async (request, reply) => {
    const { id } = parseInput(deleteCaptureMount.params, request.params)
    const { actor, workspaceId } = request.scope
    if (!(await store().remove(id, actor.userId, workspaceId))) {
      throw new CourierError('NOT_FOUND', 'This capture mount does not exist (any more); reload the list.')
    }
    return reply.code(200).send(null)
  })
}
