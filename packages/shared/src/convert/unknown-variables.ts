import type { CollectionTree } from '../collection.js'
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
    const unknown = new Map<string, string>()
    for (const item of tree.items) {
      if (item.kind !== 'request') continue
      for (const name of variablesIn(JSON.stringify(item.request))) {
        if (defined.has(name) || unknown.has(name)) continue
        if (name.startsWith('$') && lookupVariable(name, [] as Scope[])) continue
        unknown.set(name, item.name)
      }
    }
    for (const [name, first] of unknown) {
      const reason = name.startsWith('$')
        ? 'Courier has no dynamic value of this name; it is sent as typed unless you define a variable with it.'
        : `Used by “${first}”${unknownCount(tree, name) > 1 ? ' and others' : ''} but defined nowhere in the file; define it in an environment or the collection before sending.`
      builder.skip(tree.name, `variable {{${name}}}`, reason)
    }
  }
}

function unknownCount(tree: CollectionTree, name: string): number {
  return tree.items.filter((item) => item.kind === 'request' && variablesIn(JSON.stringify(item.request)).includes(name)).length
}
