import type { RunInput } from '@courier/shared'
import type { RunHooks } from '../runner/run-collection.js'
import { usage } from './exit-codes.js'
import { readPostmanVariables } from './postman-variables.js'
import type { RunIo } from './run-command.js'
import { runLoaded, type FileRunResult } from './run-file.js'
import type { RunCliOptions } from './run-options.js'
import { loadWorkspaceSource, missingSecrets, secretNames } from './workspace-source.js'

/**
 * `courier run DIR`: a collection of a workspace kept as files (the root with one collection, a
 * collection's folder, or a folder inside it), run like a Postman file in a throwaway store.
 * Secret values come from --env-var only; the process environment is not read.
 */
export async function runWorkspace(
  options: RunCliOptions,
  input: Omit<RunInput, 'collection' | 'environment'>,
  io: Pick<RunIo, 'stderr'>,
  hooks: Pick<RunHooks, 'onStep'> = {},
): Promise<FileRunResult> {
  const source = await loadWorkspaceSource(options.collection, options.environment)
  if (source.folderId && options.folder)
    throw usage(`${options.collection} is already a folder; give the folder once, as the path or as --folder.`)
  // The workspace's own globals, with a --globals file's over them (--global-var over both, in runLoaded).
  const given = options.globals ? await readPostmanVariables(options.globals, 'globals') : undefined
  const globals =
    source.globals || given
      ? {
          name: 'globals',
          variables: [
            ...(source.globals?.variables ?? []).filter((v) => !given?.variables.some((g) => g.name === v.name)),
            ...(given?.variables ?? []),
          ],
        }
      : undefined
  if (!options.silent)
    for (const note of missingSecrets(source, options.envVars)) io.stderr.write(`courier run: ${note}\n`)
  return runLoaded(
    options,
    input,
    {
      label: options.collection,
      tree: source.tree,
      ...(source.folderId ? { folderId: source.folderId } : {}),
      ...(source.environment ? { environment: source.environment } : {}),
      ...(globals ? { globals } : {}),
      filesFolder: source.root,
      secretNames: secretNames(source),
    },
    hooks,
  )
}
