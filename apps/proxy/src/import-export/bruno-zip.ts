import type { ExportFile } from '@courier/shared'
import { lazy } from '../lazy.js'

/** fflate is loaded by the first Bruno export, not at start. */
const fflate = lazy(() => import('fflate'))

/** A Bruno export's files as one zip (Bruno opens the unzipped folder as a collection), Base64 in the answer. */
export async function brunoZip(
  name: string,
  files: readonly { path: string; text: string }[],
  notes: string[],
): Promise<ExportFile> {
  const { strToU8, zipSync } = await fflate()
  const entries = Object.fromEntries(files.map((f) => [f.path, strToU8(f.text)]))
  const zip = zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') })
  const base =
    name
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 80) || 'courier-export'
  return {
    filename: `${base}.bruno.zip`,
    mediaType: 'application/zip',
    text: Buffer.from(zip).toString('base64'),
    encoding: 'base64',
    notes,
  }
}
