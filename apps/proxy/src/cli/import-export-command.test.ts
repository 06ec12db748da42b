import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { tempDataDir } from '../test/temp-dir.js'
import { importExportCommand } from './import-export-command.js'

const fixture = (name: string) => join(import.meta.dirname, '../../../../packages/shared/src/convert/fixtures', name)

describe('courier import / courier export', () => {
  it('imports a file into the data folder and exports it back as Postman and as workspace YAML', async () => {
    const dataDir = tempDataDir()
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      expect(
        await importExportCommand([
          'import',
          fixture('wise-groups-api.postman_collection.json'),
          '--data-dir',
          dataDir,
        ]),
      ).toBe(0)
      expect(String(stdout.mock.calls[0]?.[0])).toMatch(
        /^Postman collection v2\.1: imported 1 collection\(s\), 1 folder\(s\), 11 request\(s\)/,
      )
      const out = join(dataDir, 'export.json')
      expect(await importExportCommand(['export', 'Balance Groups API', '--out', out, '--data-dir', dataDir])).toBe(0)
      expect(JSON.parse(readFileSync(out, 'utf8')).item[0].name).toBe('Authentication')
      const yaml = join(dataDir, 'workspace.yaml')
      expect(await importExportCommand(['export', '--workspace', '--out', yaml, '--data-dir', dataDir])).toBe(0)
      expect(readFileSync(yaml, 'utf8')).toMatch(/^---\ncourier: .*\nformat: courier-workspace\/1/)
      expect(await importExportCommand(['export', 'Nope', '--data-dir', dataDir])).toBe(2)
      expect(await importExportCommand(['import', fixture('README.md'), '--data-dir', dataDir])).toBe(1)
      expect(String(stderr.mock.calls.at(-1)?.[0])).toContain('IMPORT_FORMAT_UNKNOWN')
    } finally {
      stdout.mockRestore()
      stderr.mockRestore()
    }
  })
})
