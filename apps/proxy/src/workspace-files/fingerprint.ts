import { createHash } from 'node:crypto'
import type { CollectionTree, Environment } from '@courier/shared'
import { filesOfCollection, filesOfEnvironment, type WorkspaceFile } from '@courier/shared/workspace-files'

/** The files of a collection as Courier writes them under `dir`, and their fingerprint (the same whatever `dir`). */
export type Rendered = { files: WorkspaceFile[]; fingerprint: string }

/** The same files under another collection folder. */
export function moveTo(rendered: Rendered, from: string, to: string): WorkspaceFile[] {
  if (from === to) return rendered.files
  const a = `collections/${from}/`
  return rendered.files.map((f) => ({ path: `collections/${to}/${f.path.slice(a.length)}`, text: f.text }))
}

export function renderCollection(tree: CollectionTree, dir: string): Rendered {
  const files = filesOfCollection(tree, dir)
  const root = `collections/${dir}/`
  const hash = createHash('sha256')
  for (const file of files) hash.update(`${file.path.slice(root.length)}\n${file.text}\0`)
  return { files, fingerprint: hash.digest('hex') }
}

/** An environment's file text as Courier writes it and its fingerprint (secret values are in neither). */
export function renderEnvironment(env: Environment, name: string): { file: WorkspaceFile; fingerprint: string } {
  const file = filesOfEnvironment(env, name)
  return { file, fingerprint: createHash('sha256').update(file.text).digest('hex') }
}

/** Fingerprints of database trees, by a hash of the tree's JSON: rendering every collection on every sync is slow. */
export class FingerprintCache {
  private kept = new Map<string, { key: string; rendered: Rendered }>()

  of(tree: CollectionTree): string {
    return this.rendered(tree).fingerprint
  }

  /** The tree's files under `dir`. */
  files(tree: CollectionTree, dir: string): Rendered {
    const rendered = this.rendered(tree)
    return { files: moveTo(rendered, 'x', dir), fingerprint: rendered.fingerprint }
  }

  private rendered(tree: CollectionTree): Rendered {
    const key = createHash('sha256').update(JSON.stringify(tree)).digest('hex')
    const kept = this.kept.get(tree.id)
    if (kept?.key === key) return kept.rendered
    const rendered = renderCollection(tree, 'x')
    this.kept.set(tree.id, { key, rendered })
    return rendered
  }

  /** Forgets the trees no longer in `ids`. */
  keep(ids: ReadonlySet<string>): void {
    for (const id of this.kept.keys()) if (!ids.has(id)) this.kept.delete(id)
  }
}
