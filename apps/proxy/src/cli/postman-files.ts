import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { basename, isAbsolute, relative, resolve } from 'node:path'
import type { CollectionTree, FileRef, RequestBody } from '@courier/shared'
import type { FileStore } from '../storage/file-store.js'

/**
 * `courier run` on a Postman file reads the files its form-data parts and file bodies name
 * (their `src`), from the folder it runs in, as newman does from its working directory. Only
 * files inside that folder are read (newman's --no-insecure-file-read): a collection from
 * elsewhere cannot make the run upload ~/.ssh/id_rsa. Each file read goes into the run's
 * throwaway file store; what could not be read is said in `problems` and its part stays
 * without a file (the send then says which part has none).
 */
export async function attachCollectionFiles(
  tree: CollectionTree,
  files: FileStore,
  folder: string,
): Promise<{ tree: CollectionTree; problems: string[] }> {
  const problems: string[] = []
  const root = await realpath(folder)
  const read = new Map<string, FileRef | null>()

  const fileFor = async (source: string, where: string): Promise<FileRef | null> => {
    if (read.has(source)) return read.get(source)!
    let ref: FileRef | null = null
    try {
      const path = await realpath(resolve(root, source))
      const inside = relative(root, path)
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
        problems.push(
          `${where}: ${source} is outside ${root}; courier run reads only files inside the folder it runs in.`,
        )
      } else if (!(await stat(path)).isFile()) {
        problems.push(`${where}: ${source} is not a file.`)
      } else {
        const saved = await files.save(createReadStream(path))
        const { lookup } = await import('mime-types')
        ref = {
          fileId: saved.fileId,
          filename: basename(path),
          contentType: lookup(path) || 'application/octet-stream',
          size: saved.size,
        }
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      problems.push(
        `${where}: ${source} could not be read (${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}).`,
      )
    }
    read.set(source, ref)
    return ref
  }

  const withFiles = async (body: RequestBody, where: string): Promise<RequestBody> => {
    if (body.kind === 'binary' && !body.file && body.source) return { ...body, file: await fileFor(body.source, where) }
    if (body.kind !== 'multipart' || !body.parts.some((p) => p.kind === 'file' && !p.file && p.source)) return body
    const parts = []
    for (const part of body.parts)
      parts.push(
        part.kind === 'file' && !part.file && part.source && part.enabled
          ? { ...part, file: await fileFor(part.source, `${where}, part “${part.name}”`) }
          : part,
      )
    return { ...body, parts }
  }

  const items = []
  for (const item of tree.items)
    items.push(
      item.kind === 'request'
        ? { ...item, request: { ...item.request, body: await withFiles(item.request.body, item.name) } }
        : item,
    )
  return { tree: { ...tree, items }, problems }
}
