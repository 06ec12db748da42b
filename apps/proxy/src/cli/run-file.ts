import { GLOBALS_ID, type CollectionTree, type RunInput, type RunReport, type Variable } from '@courier/shared'
import { ConvertError, importPostmanText, type ImportResult } from '@courier/shared/convert/postman'
import { loadConfig } from '../config.js'
import { CourierError } from '../errors.js'
import { commitImport } from '../import-export/commit-import.js'
import { runCollection, type RunHooks } from '../runner/run-collection.js'
import { badCollection } from './exit-codes.js'
import { fileRunServices } from './file-run-services.js'
import { attachCollectionFiles } from './postman-files.js'
import { overrideVariables, readPostmanVariables, readRunFile } from './postman-variables.js'
import type { RunCliOptions } from './run-options.js'

/** A Postman v2.0/v2.1 collection file through the Postman importer `courier import` uses; exit 3 for anything else. */
export async function loadPostmanCollection(path: string): Promise<ImportResult> {
  const text = await readRunFile(path, 'collection file')
  try {
    return importPostmanText(text, { keepFileSources: true })
  } catch (error) {
    if (error instanceof ConvertError) throw badCollection(`The collection file ${path}: ${error.message}`)
    throw error
  }
}

/**
 * Each imported request gets the run's timeout and, with -k, TLS verification off, with
 * --ignore-redirects redirects unfollowed (a file run's only copy).
 */
function withRunSettings(
  tree: CollectionTree,
  options: Pick<RunCliOptions, 'timeoutMs' | 'insecure' | 'ignoreRedirects'>,
): CollectionTree {
  return {
    ...tree,
    items: tree.items.map((item) =>
      item.kind !== 'request'
        ? item
        : {
            ...item,
            request: {
              ...item.request,
              settings: {
                ...item.request.settings,
                ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
                ...(options.insecure ? { verifyTls: false } : {}),
                ...(options.ignoreRedirects ? { followRedirects: false } : {}),
              },
            },
          },
    ),
  }
}

export type FileRunResult = {
  report: RunReport
  tree: CollectionTree
  /** The environment and the globals as the run left them. */
  environment: { name: string; variables: Variable[] }
  globals: Variable[]
}

/** A collection to run in a throwaway store: from a Postman file or from a workspace's files. */
export type LoadedRun = {
  /** How errors name what runs (the file or folder given). */
  label: string
  tree: CollectionTree
  /** Run only this folder (an item id of `tree`). */
  folderId?: string
  environment?: { name: string; variables: Variable[] }
  globals?: { variables: Variable[] }
  /** The folder a body's file `source` is read from (and only inside it). */
  filesFolder: string
  /** Names whose --env-var value stays secret in the run (a secret the files leave out). */
  secretNames?: ReadonlySet<string>
}

/**
 * Runs a Postman collection file with the runner the app uses: imported into a throwaway store in
 * memory (file-run-services.ts: no database, no files, never the person's data), with the
 * environment and globals files and the --env-var/--global-var values.
 */
export async function runFile(
  options: RunCliOptions,
  input: Omit<RunInput, 'collection' | 'environment'>,
  hooks: Pick<RunHooks, 'onStep'> = {},
): Promise<FileRunResult> {
  const imported = await loadPostmanCollection(options.collection)
  const env = options.environment ? await readPostmanVariables(options.environment, 'environment') : undefined
  const globals = options.globals ? await readPostmanVariables(options.globals, 'globals') : undefined
  return runLoaded(
    options,
    input,
    {
      label: options.collection,
      tree: imported.collections[0]!,
      ...(env ? { environment: env } : {}),
      ...(globals ? { globals } : {}),
      filesFolder: process.cwd(),
    },
    hooks,
  )
}

/** The id `folderId` of `from` has in `to`, a copy with fresh ids: found by each level's position. */
function sameFolder(from: CollectionTree, folderId: string, to: CollectionTree): string | undefined {
  const positions: number[] = []
  for (let item = from.items.find((i) => i.id === folderId); item;) {
    positions.unshift(item.position)
    const parent = item.parentId
    item = parent === null ? undefined : from.items.find((i) => i.id === parent)
  }
  let parentId: string | null = null
  for (const position of positions)
    parentId = to.items.find((i) => i.parentId === parentId && i.position === position)?.id ?? null
  return parentId ?? undefined
}

/**
 * Runs a loaded collection in a throwaway store (file-run-services.ts), with the run's settings,
 * the --env-var/--global-var values over its environment and globals, what a body's files name.
 */
export async function runLoaded(
  options: RunCliOptions,
  input: Omit<RunInput, 'collection' | 'environment'>,
  source: LoadedRun,
  hooks: Pick<RunHooks, 'onStep'> = {},
): Promise<FileRunResult> {
  const env = source.environment
  const tree = withRunSettings(source.tree, options)
  // newman keeps pm.environment.set across requests even with no -e: the run always has an environment.
  const envName = env?.name ?? 'courier run'
  const envVariables = overrideVariables(env?.variables ?? [], options.envVars).map((v) =>
    source.secretNames?.has(v.name) ? { ...v, secret: true } : v,
  )
  const globalVariables = overrideVariables(source.globals?.variables ?? [], options.globalVars)

  const config = loadConfig(options.allowTargets ? { allowTargets: options.allowTargets } : {})
  const services = fileRunServices(config)
  try {
    // The files a collection's form-data and binary bodies name, read only inside the run's folder.
    const attached = await attachCollectionFiles(tree, services.files, source.filesFolder)
    for (const problem of attached.problems) process.stderr.write(`courier: ${problem}\n`)
    const committed = await commitImport(services.store, {
      collections: [attached.tree],
      environments: [
        { name: envName, variables: envVariables, globals: false },
        ...(globalVariables.length ? [{ name: 'globals', variables: globalVariables, globals: true }] : []),
      ],
    })
    const stored = committed.collections[0]!
    const environment = committed.environments[0]!
    const folder = source.folderId ? sameFolder(attached.tree, source.folderId, stored) : undefined
    let report: RunReport
    try {
      report = await runCollection(
        services,
        { ...input, ...(folder ? { folder } : {}), collection: stored.id, environment: environment.id },
        undefined,
        hooks.onStep ? { onStep: hooks.onStep } : {},
      )
    } catch (error) {
      // --folder naming no folder (or one that several share).
      if (error instanceof CourierError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_REQUEST'))
        throw badCollection(`${source.label}: ${error.message}`)
      throw error
    }
    const after = await services.store.environments.get(environment.id)
    const globalsAfter = await services.store.environments.get(GLOBALS_ID)
    return {
      report: { ...report, environment: env ? env.name : null },
      tree: (await services.store.collections.get(stored.id)) ?? stored,
      environment: { name: envName, variables: after?.variables ?? envVariables },
      globals: globalsAfter?.variables ?? globalVariables,
    }
  } finally {
    await services.close()
  }
}
