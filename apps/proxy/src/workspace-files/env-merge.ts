import type { Environment } from '@courier/shared'
import { hash } from './item-merge.js'

/** An environment's prints kept in the base: its name and each variable by name (hashed: no value in clear). */
export type EnvPrints = { name: string; variables: Record<string, string> }

type Variable = Environment['variables'][number]

const fields = ({ name, value, enabled, secret }: Variable) => ({ name, value, enabled, secret })

/** Null when two variables share a name: such an environment is not merged by name (the files win). */
export function envPrintsOf(env: Environment): EnvPrints | null {
  const variables: Record<string, string> = {}
  for (const v of env.variables) {
    if (Object.hasOwn(variables, v.name)) return null
    variables[v.name] = hash(fields(v))
  }
  return { name: hash(env.name), variables }
}

/**
 * Three-way merge, per variable by name, of one environment changed on both sides: one side changed a
 * variable, it wins; added on either side, kept; deleted on one side and unchanged on the other,
 * deleted; deleted on one and changed on the other, kept; changed on both, the files' and
 * `onBothChanged` names it. The files' order, then what only Courier has, in its order. Null when a
 * side cannot be merged by name.
 */
export function mergeEnvironments(
  base: EnvPrints,
  files: Environment,
  db: Environment,
  onBothChanged: (what: string) => void,
): Environment | null {
  const fp = envPrintsOf(files)
  const dp = envPrintsOf(db)
  if (!fp || !dp) return null
  const fByName = new Map(files.variables.map((v) => [v.name, v]))
  const dByName = new Map(db.variables.map((v) => [v.name, v]))
  const names = [...fByName.keys(), ...[...dByName.keys()].filter((n) => !fByName.has(n))]
  const variables: Variable[] = []
  for (const name of names) {
    const f = fByName.get(name)
    const d = dByName.get(name)
    const b = base.variables[name]
    const pf = fp.variables[name]
    const pd = dp.variables[name]
    if (f && d) {
      if (pf === pd || b === pd) variables.push(f)
      else if (b === pf) variables.push(d)
      else {
        onBothChanged(`variable "${name}" of environment "${files.name}"`)
        variables.push(f)
      }
    } else if (f) {
      if (b === undefined || b !== pf) variables.push(f)
    } else if (d) {
      if (b === undefined || b !== pd) variables.push(d)
    }
  }
  const name = fp.name === base.name && dp.name !== base.name ? db.name : files.name
  return { ...db, name, variables }
}
