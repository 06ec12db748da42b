import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { OAuthService } from '../oauth/oauth-service.js'
import type { SecretBox } from '../secrets/secret-box.js'
import { openServices, type Services, type ServicesOptions } from '../services.js'
import type { AppSettingsService } from '../storage/app-settings.js'
import type { BodyStore } from '../storage/body-store.js'
import type { CookieJars } from '../storage/cookie-jars.js'
import type { FileStore } from '../storage/file-store.js'
import type { Store } from '../storage/store.js'
import { sweepDataFolder, type SweepReport } from '../storage/data-sweep.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Everything with state, as `performSend` and the CLI take it. */
    services: Services
    store: Store
    bodies: BodyStore
    files: FileStore
    cookieJars: CookieJars
    appSettings: AppSettingsService
    /** Seals secrets at rest (tokens, secret variables) with a key outside the database. */
    secretBox: SecretBox
    /** OAuth 2 flows and tokens; every send consults it. */
    oauth: OAuthService
    /** The data folder's sweep: started once the server listens (or by the first call); answers its report. */
    dataSweep: () => Promise<SweepReport>
  }
}

/** How long after listening the sweep and the integrity check begin. */
const BACKGROUND_AFTER_MS = 1000

/**
 * Opens Courier's services for the app (see services.ts), decorates the routes' shortcuts to them,
 * closes them with the server. Once it listens, the data folder is swept and the data file checked,
 * both in the background: neither holds up the first answer.
 */
export default fp<ServicesOptions>(
  async (fastify: FastifyInstance, options) => {
    const services = await openServices(options)
    // What a crash left behind goes, what an older Courier wrote in clear is sealed. It reads every
    // body and upload (seconds at 50,000 history entries), so it runs beside the first requests:
    // anything they write is younger than the sweep's grace periods, or being written, and is left.
    // Only the server sweeps: a CLI run beside a running server must not touch the files it is writing.
    let swept: Promise<SweepReport> | undefined
    // A server stopped during the sweep ends it with the store; what it could not finish waits for the next start.
    let closed = false
    const dataSweep = () =>
      (swept ??= sweepDataFolder(services.store, services.bodies, services.files).then((report) => {
        if (closed) return report
        const { problems, ...counts } = report
        fastify.log.info(counts, 'data folder swept')
        for (const problem of problems) fastify.log.warn(`data folder sweep left a file it could not read: ${problem}`)
        return report
      }))
    fastify.decorate('dataSweep', dataSweep)
    fastify.decorate('services', services)
    fastify.decorate('store', services.store)
    fastify.decorate('bodies', services.bodies)
    fastify.decorate('files', services.files)
    fastify.decorate('cookieJars', services.cookieJars)
    fastify.decorate('appSettings', services.settings)
    fastify.decorate('secretBox', services.secretBox)
    fastify.decorate('oauth', services.oauth)
    fastify.addHook('onClose', () => {
      closed = true
      return services.close()
    })
    // Once the server answers, the data file is read through in the background (never while
    // opening it); damage found there is logged, shown by /api/info and stops writes to the file.
    // Both start a moment after listening, so the first page load does not share the CPU with them.
    const background = () => {
      void dataSweep().catch((error: unknown) => {
        if (!closed) fastify.log.error({ err: error }, 'data folder sweep failed')
      })
      void services.store.integrity.check().then((found) => {
        if (closed) return
        if (found.state === 'damaged') fastify.log.error(found.message)
        else if (found.state === 'skipped' && services.store.kind === 'sqlite') fastify.log.warn(found.message)
      })
    }
    let waiting: NodeJS.Timeout | undefined
    fastify.addHook('onListen', async () => {
      waiting = setTimeout(background, BACKGROUND_AFTER_MS)
      waiting.unref()
    })
    fastify.addHook('preClose', async () => clearTimeout(waiting))
  },
  { name: 'services' },
)
