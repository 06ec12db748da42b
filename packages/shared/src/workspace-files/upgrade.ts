/** The format version every workspace file starts with (`courier: 1`). */
export const WORKSPACE_FILE_VERSION = 1

type Data = Record<string, unknown>

/**
 * Upgrades by version: `UPGRADES[n]` turns a version-n file's data into version n+1. Version 0 is the
 * draft format (a request's fields nested under `request:`, variables as `name: value` maps); it is
 * kept so the upgrade path is real and tested.
 */
const UPGRADES: Record<number, (data: Data) => Data> = {
  0: (data) => {
    const { request, variables, ...rest } = data
    const out: Data = { ...rest }
    if (request && typeof request === 'object' && !Array.isArray(request)) Object.assign(out, request)
    if (variables && typeof variables === 'object' && !Array.isArray(variables))
      out.variables = Object.entries(variables as Data).map(([name, value]) => ({ name, value: String(value) }))
    else if (variables !== undefined) out.variables = variables
    return out
  },
}

export type Upgraded = { ok: true; data: Data } | { ok: false; message: string }

/** A file's data at any known version → the current version's, or a sentence saying why it cannot be read. */
export function upgradeFile(version: unknown, data: Data): Upgraded {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return {
      ok: false,
      message: 'The file does not start with `courier: 1` (the format version), so it is not a Courier file.',
    }
  if (version > WORKSPACE_FILE_VERSION)
    return {
      ok: false,
      message: `The file was written by a newer Courier (format ${version}; this Courier reads up to ${WORKSPACE_FILE_VERSION}). Update Courier to open it.`,
    }
  let current = data
  for (let v = version; v < WORKSPACE_FILE_VERSION; v++) {
    const step = UPGRADES[v]
    if (!step) return { ok: false, message: `Courier cannot upgrade a file of format ${v}.` }
    current = step(current)
  }
  return { ok: true, data: current }
}
