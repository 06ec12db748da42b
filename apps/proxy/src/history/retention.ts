import type { FastifyInstance } from 'fastify'

const EVERY_MS = 60_000
let last = 0

/** Applies the Settings page's retention at most once a minute, removing bodies with their entries. */
export async function applyRetention(fastify: FastifyInstance, force = false): Promise<number> {
  const { history } = await fastify.appSettings.get()
  if (history.maxEntries === null && history.maxBytes === null && history.maxAgeDays === null) return 0
  if (!force && Date.now() - last < EVERY_MS) return 0
  last = Date.now()
  const removed = await fastify.store.history.prune(history)
  await Promise.all(removed.map((id) => fastify.bodies.remove(id)))
  return removed.length
}
