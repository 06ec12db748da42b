import type { FastifyInstance, FastifyRequest } from 'fastify'
import { endpoints } from '@courier/shared'
import { CourierError } from '../errors.js'
import { can } from '../team/scope.js'
import { parseInput } from './parse-input.js'

export type SettingsRoutesOptions = { team: boolean }

/**
 * The app Settings page: global defaults every send starts from. On a team server they are every
 * person's defaults (TLS checks, limits, retention), so only an owner or admin of the team's
 * shared workspace (the first one, where `courier users add --owner` makes owners) may change
 * them: owning a workspace one made oneself does not count.
 */
export default async function settingsRoutes(fastify: FastifyInstance, options: SettingsRoutesOptions) {
  const { getSettings, putSettings } = endpoints

  const mayChange = async (request: FastifyRequest) => {
    // Single-user Courier, and Courier's own code in-process (the CLI, tests), act as the server's admin.
    if (!options.team || request.actor.via === 'local') return
    const team = await fastify.store.users.firstTeamWorkspace()
    const role = team && (await fastify.store.memberships.roleOf(team.id, request.actor.userId))
    if (!role || !can.manageMembers(role))
      throw new CourierError(
        'FORBIDDEN',
        `These settings apply to everyone's sends on this server; only an owner or admin of ${team ? `the “${team.name}” workspace` : 'the team’s workspace'} can change them.`,
      )
  }

  fastify.get(getSettings.path, async () => fastify.appSettings.get())
  fastify.put(putSettings.path, async (request) => {
    await mayChange(request)
    return fastify.appSettings.put(parseInput(putSettings.body, request.body))
  })
}
