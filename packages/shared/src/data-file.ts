import { parse } from 'csv-parse/browser/esm/sync'
import type { DataRow } from './runs.js'

/** Why a data file cannot be used, in a sentence naming the file and, where known, the line. */
export class DataFileError extends Error {
  readonly code = 'DATA_FILE_INVALID'
}

const MAX_ROWS = 100_000

/**
 * A runner data file (newman's `-d`, the runner's "Data file") as iteration rows. JSON must be an
 * array of objects; anything else is read as CSV with a header line the way newman 6 reads it
 * (its csv-parse options): a byte-order mark dropped, spaces around commas trimmed, `""` as the
 * escape inside quotes, quotes inside an unquoted field kept, rows of any length, and unquoted
 * integers and decimals as numbers (a quoted value stays a string).
 */
export function parseDataFile(text: string, fileName = 'the data file'): DataRow[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (trimmed === '') throw new DataFileError(`${fileName} is empty; it needs a header line and a row per iteration.`)
  const rows =
    /\.json$/i.test(fileName) || /^[[{]/.test(trimmed) ? jsonRows(trimmed, fileName) : csvRows(text, fileName)
  if (rows.length > MAX_ROWS)
    throw new DataFileError(`${fileName} has ${rows.length} rows; a run takes at most ${MAX_ROWS}.`)
  return rows
}

function jsonRows(text: string, fileName: string): DataRow[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new DataFileError(`${fileName} is not valid JSON: ${(error as Error).message}`)
  }
  if (!Array.isArray(value))
    throw new DataFileError(`${fileName} must hold a JSON array with an object per iteration, like [{"id": 1}].`)
  value.forEach((row, index) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row))
      throw new DataFileError(
        `${fileName}: item ${index + 1} is not an object; each iteration's row is {"name": value}.`,
      )
  })
  return value as DataRow[]
}

function csvRows(text: string, fileName: string): DataRow[] {
  try {
    return parse(text, {
      columns: true,
      bom: true,
      escape: '"',
      trim: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      cast: (value, context) => (context.quoting ? value : asNumber(value)),
    }) as DataRow[]
  } catch (error) {
    const message = (error as Error).message.replace(/^Invalid \w+:\s*/, '')
    throw new DataFileError(`${fileName} is not valid CSV: ${message}`)
  }
}

/** newman's csvAutoParse: `12` and `-3` are integers, `1.5` a float; everything else stays text. */
function asNumber(value: string): string | number {
  if (/^(-|\+)?([1-9]+[0-9]*)$/.test(value)) return parseInt(value, 10)
  const float = parseFloat(value)
  // newman's isFloat: (value - parseFloat(value) + 1) >= 0, i.e. the whole text is that number.
  if (Number(value) - float + 1 >= 0) return float
  return value
}
