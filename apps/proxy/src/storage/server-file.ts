import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

/**
 * `<data-dir>/server.json` (0600): where the server using this data folder listens, so
 * `courier open` can print a sign-in link for it. Only the folder's owner can read it (0700).
 */
const ServerFileSchema = z.object({
  url: z.string().url(),
  pid: z.number().int(),
  startedAt: z.string(),
  /** A team server: people sign in with a password, not with `courier open`'s link. */
  team: z.boolean().optional(),
})
export type ServerFile = z.infer<typeof ServerFileSchema>

const pathOf = (dataDir: string) => join(dataDir, 'server.json')

export function writeServerFile(dataDir: string, url: string, team?: boolean): void {
  const file: ServerFile = { url, pid: process.pid, startedAt: new Date().toISOString(), ...(team ? { team } : {}) }
  const temp = `${pathOf(dataDir)}.${process.pid}.tmp`
  writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 })
  renameSync(temp, pathOf(dataDir))
}

/** The running server's file, or null when there is none or its process has ended. */
export function readServerFile(dataDir: string): ServerFile | null {
  let text: string
  try {
    text = readFileSync(pathOf(dataDir), 'utf8')
  } catch {
    return null
  }
  const parsed = ServerFileSchema.safeParse(JSON.parse(text))
  if (!parsed.success) return null
  try {
    process.kill(parsed.data.pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return null
  }
  return parsed.data
}

/** Removes the file if this process wrote it (a later server may have replaced it). */
export function removeServerFile(dataDir: string): void {
  try {
    const file = ServerFileSchema.parse(JSON.parse(readFileSync(pathOf(dataDir), 'utf8')))
    if (file.pid === process.pid) rmSync(pathOf(dataDir), { force: true })
  } catch {
    /* gone already, or not ours to judge */
  }
}
