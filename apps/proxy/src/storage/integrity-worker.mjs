// The worker thread behind integrity-check.ts: runs SQLite's quick_check on its own read-only
// connection, so reading the whole file (0.3–0.5 s at 50,000 history entries, more as it grows)
// never holds up the server's thread. It answers the problems it found ([] when the file is sound)
// or the error that kept it from checking. Plain JavaScript, so the same file runs from the
// sources (tests) and beside the bundle (dist/, copied there by build.mjs).
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

try {
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true })
  try {
    const rows = db.pragma(`quick_check(${Number(workerData.maxProblems)})`)
    parentPort.postMessage({ rows: rows.map((row) => String(Object.values(row)[0])) })
  } finally {
    db.close()
  }
} catch (error) {
  // A file too damaged to open or read is damaged: SQLite says so with these codes.
  const code = error?.code
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') parentPort.postMessage({ rows: [String(error.message)] })
  else parentPort.postMessage({ error: String(error?.message ?? error) })
}
