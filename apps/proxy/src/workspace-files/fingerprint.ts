import { createHash } from 'node:crypto'
import type { CollectionTree, Environment } from '@courier/shared'
import { filesOfCollection, filesOfEnvironment, type WorkspaceFile } from '@courier/shared/workspace-files'

/** The files of a collection as Courier writes them under `dir`, and their fingerprint (the same whatever `dir`). */
export function renderCollection(tree: CollectionTree, dir: string): { files: WorkspaceFile[]; fingerprint: string } {
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
