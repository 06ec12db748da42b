import { existsSync, statSync } from 'node:fs'
import { DataFileError, parseDataFile, type DataRow, type RunInput, type RunReport } from '@courier/shared'
import { CliExit, EXIT, badCollection, usage } from './exit-codes.js'
import { readRunFile, writePostmanVariables } from './postman-variables.js'
import { createCliReporter } from './reporters/cli-reporter.js'
import { writeReports } from './reporters/write-reports.js'
import { parseRunOptions, type RunCliOptions } from './run-options.js'
import { isWorkspaceDir } from './workspace-source.js'
import { tuneEngineForShortRun } from '../scripting/short-run-engine.js'

export type RunIo = {
  stdout: { write(text: string): unknown; isTTY?: boolean }
  stderr: { write(text: string): unknown }
  env?: NodeJS.ProcessEnv
}

const FILE_ONLY = [
  ['globals', '-g/--globals'],
  ['insecure', '-k/--insecure'],
  ['ignoreRedirects', '--ignore-redirects'],
] as const

/** A COLLECTION argument names a file when such a file exists or it ends in .json. */
export function isCollectionFile(argument: string): boolean {
  if (/\.json$/i.test(argument)) return true
  try {
    return existsSync(argument) && statSync(argument).isFile()
  } catch {
    return false
  }
}

async function dataRows(path: string | undefined): Promise<DataRow[] | undefined> {
  if (path === undefined) return undefined
  const text = await readRunFile(path, 'data file')
  try {
    return parseDataFile(text, path)
  } catch (error) {
    if (error instanceof DataFileError) throw badCollection(error.message)
    throw error
  }
}

function useColor(options: RunCliOptions, io: RunIo): boolean {
  if (options.color !== 'auto') return options.color === 'on'
  const env = io.env ?? process.env
  return io.stdout.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb'
}

/**
 * `courier run COLLECTION [flags]`: a saved collection (by name or id, locally or with --server),
 * or a Postman collection file or a workspace kept as files (DIR, run-workspace.ts) run in a throwaway store. Prints the cli reporter, writes the other
 * reporters' files and the exported variables, and answers the exit code (see EXIT).
 */
export async function runCommand(argv: string[], io: RunIo = process): Promise<number> {
  tuneEngineForShortRun()
  try {
    return await run(parseRunOptions(argv), io)
  } catch (error) {
    if (!(error instanceof CliExit)) throw error
    io.stderr.write(`courier run: ${error.message.replace(/^courier run:\s*/, '')}\n`)
    return error.exitCode
  }
}

async function run(options: RunCliOptions, io: RunIo): Promise<number> {
  const remote = options.server !== undefined || options.token !== undefined
  // A directory is a workspace kept as files: run like a file, in a throwaway store.
  const workspace = !remote && !isCollectionFile(options.collection) && isWorkspaceDir(options.collection)
  const file = !remote && (workspace || isCollectionFile(options.collection))
  if (remote && (!options.server || !options.token))
    throw usage('a remote run needs both --server URL and --token T (from courier tokens create).')
  if (!file) {
    for (const [key, flag] of FILE_ONLY)
      if (options[key]) throw usage(`${flag} works with a collection file; a saved collection uses its saved settings.`)
    if (options.envVars.length || options.globalVars.length)
      throw usage(
        '--env-var and --global-var work with a collection file; edit the saved environment for a saved collection.',
      )
  }
  if (!file && !remote && (options.exportEnvironment || options.exportGlobals) && !options.keepVariables)
    throw usage(
      '--export-environment and --export-globals on a saved collection write what the run kept: add --keep-variables.',
    )
  if (remote && (options.exportEnvironment || options.exportGlobals))
    throw usage('--export-environment and --export-globals work with a local run, not with --server.')

  const data = await dataRows(options.data)
  const input: Omit<RunInput, 'collection' | 'environment'> = {
    ...(options.folder ? { folder: options.folder } : {}),
    ...(options.bail ? { bail: true } : {}),
    // A file run's store is thrown away: its variables are kept there so the exports read them.
    ...(options.keepVariables || file ? { keepVariables: true } : {}),
    ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
    ...(data ? { data } : {}),
    ...(options.delayMs !== undefined ? { delayMs: options.delayMs } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  }
  const showCli = !options.silent && !options.json && options.reporters.includes('cli')
  const cli = createCliReporter((text) => io.stdout.write(text), {
    color: useColor(options, io),
    iterations: options.iterations ?? (data?.length || 1),
  })
  const onStep = showCli ? cli.onStep : undefined

  let report: RunReport
  let scripts: { test: number; prerequest: number } | undefined
  if (file) {
    const { runFile } = await import('./run-file.js')
    const { scriptCounts } = await import('./script-counts.js')
    const result = workspace
      ? await (await import('./run-workspace.js')).runWorkspace(options, input, io, onStep ? { onStep } : {})
      : await runFile(options, input, onStep ? { onStep } : {})
    report = result.report
    scripts = scriptCounts(report, result.tree)
    if (options.exportEnvironment)
      await writePostmanVariables(
        options.exportEnvironment,
        'environment',
        result.environment.name,
        result.environment.variables,
      )
    if (options.exportGlobals) await writePostmanVariables(options.exportGlobals, 'globals', 'globals', result.globals)
  } else if (remote) {
    const { runRemote } = await import('./remote-run.js')
    report = await runRemote(options.server!, options.token!, {
      collection: options.collection,
      ...(options.environment ? { environment: options.environment } : {}),
      ...input,
    })
    if (onStep) report.steps.forEach((step) => onStep(step))
  } else {
    const { runSaved } = await import('./run-saved.js')
    const result = await runSaved(options, input, onStep ? { onStep } : {})
    report = result.report
    scripts = result.scripts
  }

  if (options.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  else if (showCli) cli.finish(report, scripts)
  const written = await writeReports(report, options.reporters, options.exports, scripts)
  if (!options.silent) for (const path of written) io.stderr.write(`Wrote ${path}\n`)
  return report.failed > 0 ? EXIT.failed : EXIT.passed
}
