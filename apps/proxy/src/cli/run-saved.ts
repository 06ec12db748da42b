import { GLOBALS_ID, type RunInput, type RunReport } from '@courier/shared'
import { loadConfig } from '../config.js'
import { CourierError } from '../errors.js'
import { runCollection, type RunHooks } from '../runner/run-collection.js'
import { localServicesOptions, openServices } from '../services.js'
import { badCollection } from './exit-codes.js'
import { writePostmanVariables } from './postman-variables.js'
import type { RunCliOptions } from './run-options.js'
import { scriptCounts } from './script-counts.js'

/** A saved collection run locally (no HTTP server: the runner sends through performSend in this process). */
export async function runSaved(
  options: RunCliOptions,
  input: Omit<RunInput, 'collection' | 'environment'>,
  hooks: Pick<RunHooks, 'onStep'>,
): Promise<{ report: RunReport; scripts?: { test: number; prerequest: number } }> {
  const config = loadConfig({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.allowTargets ? { allowTargets: options.allowTargets } : {}),
  })
  const services = await openServices(localServicesOptions(config, () => config.port))
  try {
    const log = {
      error: (details: { err: unknown }, message: string) =>
        process.stderr.write(`courier: ${message}: ${String(details.err)}\n`),
    }
    let report: RunReport
    try {
      report = await runCollection(
        { ...services, log },
        {
          ...input,
          collection: options.collection,
          ...(options.environment ? { environment: options.environment } : {}),
        },
        undefined,
        hooks,
      )
    } catch (error) {
      // No such collection, folder or environment, or a name that several share.
      if (error instanceof CourierError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_REQUEST'))
        throw badCollection(error.message)
      throw error
    }
    const tree = report.collectionId ? await services.store.collections.get(report.collectionId) : undefined
    const environments = await services.store.environments.list()
    if (options.exportEnvironment) {
      const env = environments.find((e) => e.name === report.environment && e.id !== GLOBALS_ID)
      await writePostmanVariables(
        options.exportEnvironment,
        'environment',
        env?.name ?? 'environment',
        env?.variables ?? [],
      )
    }
    if (options.exportGlobals) {
      const globals = environments.find((e) => e.id === GLOBALS_ID)
      await writePostmanVariables(options.exportGlobals, 'globals', 'globals', globals?.variables ?? [])
    }
    return { report, ...(tree ? { scripts: scriptCounts(report, tree) } : {}) }
  } finally {
    await services.close()
  }
}
