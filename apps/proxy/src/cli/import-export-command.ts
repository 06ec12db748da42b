import { readFile, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { HistoryQuerySchema } from '@courier/shared'
import {
  ConvertError,
  exportHistoryCsv,
  exportHistoryJson,
  exportOpenApi,
  exportPostman,
  exportWorkspace,
  importText,
  type ExportFile,
} from '@courier/shared/convert'
import { loadConfig } from '../config.js'
import { commitImport } from '../import-export/commit-import.js'
import { historyForExport } from '../import-export/history-for-export.js'
import { localServicesOptions, openServices, type Services } from '../services.js'

export { IMPORT_EXPORT_HELP } from './help.js'

async function withStore<T>(
  dataDir: string | undefined,
  work: (services: Services, version: string) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ dataDir })
  const services = await openServices(localServicesOptions(config, () => config.port))
  try {
    return await work(services, config.version)
  } finally {
    await services.close()
  }
}

async function output(file: ExportFile, out: string | undefined): Promise<void> {
  if (out) {
    await writeFile(out, file.text, { mode: 0o600 })
    process.stderr.write(`Wrote ${out} (${file.text.length} characters).\n`)
  } else process.stdout.write(file.text)
  for (const note of file.notes) process.stderr.write(`note: ${note}\n`)
}

/** `courier import FILE` and `courier export …`: the same converters and store as the web app. */
export async function importExportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      'include-secrets': { type: 'boolean' },
      workspace: { type: 'boolean' },
      history: { type: 'boolean' },
      status: { type: 'string' },
      method: { type: 'string' },
      q: { type: 'string' },
    },
  })
  const [command, target] = positionals
  try {
    if (command === 'import') {
      if (!target) {
        process.stderr.write('courier import: name the file to import, e.g. `courier import petstore.yaml`\n')
        return 2
      }
      const result = await importText(await readFile(target, 'utf8'), { name: target })
      const committed = await withStore(values['data-dir'], (services) => commitImport(services.store, result))
      const { counts, formatLabel, skipped } = result.report
      process.stdout.write(
        `${formatLabel}: imported ${counts.collections} collection(s), ${counts.folders} folder(s), ${counts.requests} request(s), ${counts.environments} environment(s).\n`,
      )
      for (const c of committed.collections) process.stdout.write(`  collection “${c.name}” (${c.id})\n`)
      for (const e of committed.environments) process.stdout.write(`  environment “${e.name}”\n`)
      if (skipped.length)
        process.stdout.write(
          `Not translated (${skipped.length}):\n${skipped.map((s) => `  - ${s.where}: ${s.what} — ${s.reason}`).join('\n')}\n`,
        )
      return 0
    }
    const includeSecrets = values['include-secrets'] === true
    return await withStore(values['data-dir'], async (services, version) => {
      if (values.workspace) {
        await output(
          exportWorkspace(await services.store.collections.list(), await services.store.environments.list(), {
            includeSecrets,
            version,
          }),
          values.out,
        )
        return 0
      }
      if (values.history) {
        const query = HistoryQuerySchema.omit({ limit: true, before: true }).parse({
          status: values.status,
          method: values.method,
          q: values.q,
        })
        const entries = await historyForExport(services.store.history, { format: 'json', query, max: 10_000 })
        await output(
          values.format === 'json' ? exportHistoryJson(entries, version) : exportHistoryCsv(entries),
          values.out,
        )
        return 0
      }
      const collections = await services.store.collections.list()
      const tree = collections.find((c) => c.id === target || c.name === target)
      if (!tree) {
        process.stderr.write(
          `courier export: no collection named “${target ?? ''}”. Collections: ${collections.map((c) => c.name).join(', ') || 'none'}.\n`,
        )
        return 2
      }
      await output(
        values.format === 'openapi' ? exportOpenApi(tree) : exportPostman(tree, { includeSecrets }),
        values.out,
      )
      return 0
    })
  } catch (error) {
    if (error instanceof ConvertError) {
      process.stderr.write(`courier ${command}: ${error.code}: ${error.message}\n`)
      return 1
    }
    throw error
  }
}
