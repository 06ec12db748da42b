import { lookupVariable, variablesIn, type Scope } from '../variables.js'
import type { ImportBuilder } from './import-builder.js'

/**
 * Reports every `{{name}}` a request uses that nothing in the import defines (collection,
 * its folders, an imported environment) and that is not one of Courier's dynamic values.
 * It still imports as typed; the report says to define it before sending.
 */
export function reportUnknownVariables(builder: ImportBuilder): void {
  const environmentNames = new Set(builder.environments.flatMap((e) => e.variables.map((v) => v.name)))
  for (const tree of builder.collections) {
    const defined = new Set([...environmentNames, ...tree.variables.map((v) => v.name)])
    for (const item of tree.items) if (item.kind === 'folder') for (const v of item.variables) defined.add(v.name)
    // One pass over the requests: first user and number of users of each unknown name.
    const unknown = new Map<string, { first: string; count: number }>()
    for (const item of tree.items) {
      if (item.kind !== 'request') continue
      for (const name of variablesIn(JSON.stringify(item.request))) {
        if (defined.has(name)) continue
        if (name.startsWith('$') && lookupVariable(name, [] as Scope[])) continue
        const seen = unknown.get(name)
        if (seen) seen.count++
        else unknown.set(name, { first: item.name, count: 1 })
      }
    }
    for (const [name, { first, count }] of unknown) {
      const reason = name.startsWith('$')
        ? 'Courier has no dynamic value of this name; it is sent as typed unless you define a variable with it.'
        : `Used by “${first}”${count > 1 ? ` and ${count - 1} other request${count > 2 ? 's' : ''}` : ''} but defined nowhere in the file; define it in an environment or the collection before sending.`
      builder.skip(tree.name, `variable {{${name}}}`, reason)
    }
  }
}
