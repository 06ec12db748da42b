import { parseArgs } from 'node:util'
import { usage } from './exit-codes.js'

export const REPORTERS = ['cli', 'json', 'junit', 'html', 'csv'] as const
export type ReporterName = (typeof REPORTERS)[number]

/** `courier run`'s flags, newman's names where newman has one. */
export type RunCliOptions = {
  collection: string
  environment?: string
  globals?: string
  data?: string
  iterations?: number
  folder?: string
  envVars: [string, string][]
  globalVars: [string, string][]
  delayMs?: number
  timeoutMs?: number
  bail: boolean
  /** A saved collection's run writes what its scripts and captures set back to the saved variables. */
  keepVariables: boolean
  insecure: boolean
  /** newman's --ignore-redirects: every request of a file run leaves redirects unfollowed. */
  ignoreRedirects: boolean
  reporters: ReporterName[]
  exports: Partial<Record<Exclude<ReporterName, 'cli'>, string>>
  exportEnvironment?: string
  exportGlobals?: string
  silent: boolean
  color: 'on' | 'off' | 'auto'
  /** The report as JSON on stdout instead of the cli reporter (kept from the first `courier run`). */
  json: boolean
  dataDir?: string
  allowTargets?: string[]
  server?: string
  token?: string
}

const OPTIONS = {
  environment: { type: 'string', short: 'e' },
  env: { type: 'string' },
  globals: { type: 'string', short: 'g' },
  'iteration-data': { type: 'string', short: 'd' },
  'iteration-count': { type: 'string', short: 'n' },
  folder: { type: 'string' },
  'env-var': { type: 'string', multiple: true },
  'global-var': { type: 'string', multiple: true },
  'delay-request': { type: 'string' },
  'timeout-request': { type: 'string' },
  bail: { type: 'boolean' },
  'keep-variables': { type: 'boolean' },
  insecure: { type: 'boolean', short: 'k' },
  'ignore-redirects': { type: 'boolean' },
  reporters: { type: 'string', short: 'r' },
  'reporter-json-export': { type: 'string' },
  'reporter-junit-export': { type: 'string' },
  'reporter-html-export': { type: 'string' },
  'reporter-csv-export': { type: 'string' },
  'export-environment': { type: 'string' },
  'export-globals': { type: 'string' },
  silent: { type: 'boolean' },
  color: { type: 'string' },
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
  'allow-target': { type: 'string', multiple: true },
  server: { type: 'string' },
  token: { type: 'string' },
} as const

function count(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max)
    throw usage(`${flag} takes a whole number from ${min} to ${max}, not “${text}”.`)
  return value
}

function pairs(flag: string, list: string[] | undefined): [string, string][] {
  return (list ?? []).map((text) => {
    const at = text.indexOf('=')
    if (at <= 0)
      throw usage(`${flag} takes name=value, like ${flag} baseUrl=https://api.example.com; “${text}” has no name.`)
    return [text.slice(0, at), text.slice(at + 1)]
  })
}

/** The flags of `courier run …` (argv after `run`), or a usage error (exit 2) naming the flag. */
export function parseRunOptions(argv: string[]): RunCliOptions {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS })
  } catch (error) {
    const message = (error as Error).message
    const flag = /'([^']+)'/.exec(message)?.[1]
    if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw usage(`courier run does not know the flag ${flag ?? message}; \`courier --help\` lists them.`)
    throw usage(`courier run: ${message.replace(/\. To specify.*$/s, '.')}`)
  }
  const { values, positionals } = parsed
  if (positionals.length === 0)
    throw usage(
      'courier run: name the collection to run: a saved one ("Shop API"), a Postman file (api.postman_collection.json) or a workspace folder (repo/collections/shop-api).',
    )
  if (positionals.length > 1)
    throw usage(
      `courier run takes one collection, not ${positionals.length} (${positionals.join(', ')}); quote a name with spaces.`,
    )
  const reporters = (values.reporters ?? 'cli')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
  for (const r of reporters)
    if (!(REPORTERS as readonly string[]).includes(r))
      throw usage(`--reporters: there is no reporter “${r}”; choose from ${REPORTERS.join(', ')}.`)
  const color = values.color ?? 'auto'
  if (color !== 'on' && color !== 'off' && color !== 'auto')
    throw usage(`--color takes on, off or auto, not “${color}”.`)
  if (values.environment !== undefined && values.env !== undefined && values.environment !== values.env)
    throw usage('Give the environment once: -e/--environment or --env, not both.')
  const exports: RunCliOptions['exports'] = {}
  for (const name of ['json', 'junit', 'html', 'csv'] as const) {
    const path = values[`reporter-${name}-export`]
    if (path !== undefined) exports[name] = path
  }
  const environment = values.environment ?? values.env
  return {
    collection: positionals[0]!,
    ...(environment !== undefined ? { environment } : {}),
    ...(values.globals !== undefined ? { globals: values.globals } : {}),
    ...(values['iteration-data'] !== undefined ? { data: values['iteration-data'] } : {}),
    ...optional('iterations', count('-n/--iteration-count', values['iteration-count'], 1, 100_000)),
    ...(values.folder !== undefined ? { folder: values.folder } : {}),
    envVars: pairs('--env-var', values['env-var']),
    globalVars: pairs('--global-var', values['global-var']),
    ...optional('delayMs', count('--delay-request', values['delay-request'], 0, 600_000)),
    ...optional('timeoutMs', count('--timeout-request', values['timeout-request'], 1, 300_000)),
    bail: values.bail === true,
    keepVariables: values['keep-variables'] === true,
    insecure: values.insecure === true,
    ignoreRedirects: values['ignore-redirects'] === true,
    reporters: reporters as ReporterName[],
    exports,
    ...(values['export-environment'] !== undefined ? { exportEnvironment: values['export-environment'] } : {}),
    ...(values['export-globals'] !== undefined ? { exportGlobals: values['export-globals'] } : {}),
    silent: values.silent === true,
    color,
    json: values.json === true,
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    ...(values['allow-target'] !== undefined ? { allowTargets: values['allow-target'] } : {}),
    ...(values.server !== undefined ? { server: values.server } : {}),
    ...(values.token !== undefined ? { token: values.token } : {}),
  }
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>)
}

export const RUN_HELP = `  courier run <collection | file.postman_collection.json | DIR> [flags]
                                                                   run a saved collection, a Postman v2.0/v2.1 file or a workspace
                                                                   kept as files (files: in a throwaway store, never your data)
      DIR: a workspace's collections/<name> folder, a folder inside it (only that folder runs), or the
      workspace (the folder holding collections/) when it holds one collection; secrets are not in the
      files: give them with --env-var NAME=value (the process environment is not read)
      -e, --environment NAME|FILE   a saved environment; a Postman environment file for a file run; for
                                    DIR, an environment of its environments/ by name or file (or a file)
      -g, --globals FILE            a Postman globals file (file and DIR runs)
      -d, --iteration-data FILE     a CSV or JSON data file: one iteration per row
      -n, --iteration-count N       how many iterations
      --folder NAME                 run only this folder
      --env-var k=v, --global-var k=v   set a variable over the files' (repeatable; file and DIR runs)
      --delay-request MS, --timeout-request MS
      --bail                        stop at the first failure
      --keep-variables              a saved collection: keep what scripts set in its saved variables
                                    (without it, as in newman, changes live only in the run)
      -k, --insecure                do not verify TLS certificates (file and DIR runs)
      --ignore-redirects            do not follow redirects (file and DIR runs)
      -r, --reporters cli,json,junit,html,csv   with --reporter-<name>-export PATH (default ./newman/…)
      --export-environment PATH, --export-globals PATH   the variables as the run left them (Postman JSON)
      --silent, --color on|off|auto, --json (the report as JSON on stdout), --data-dir DIR
      --server URL --token T        run a saved collection on a team server, in your workspace
    Exit codes: 0 all passed; 1 a test or request failed; 2 bad usage (unknown flag, bad number);
    3 bad collection (no such collection, file missing or not a Postman collection, a workspace file
    that cannot be read (each said with its path and line), bad data or environment file); 4 the --server is unreachable or refused the token.
`
