import type { ImportBuilder } from '../import-builder.js'
import { ConvertError } from '../import-result.js'
import { isRecord } from '../parse-document.js'
import { parseSpecText } from './parse-spec-text.js'

type Obj = Record<string, unknown>

/**
 * Reads one referenced file by its absolute location (an `http(s):` URL for a spec imported by
 * URL, `upload:///path` for uploaded files) and returns its text, or throws an Error whose
 * message says in a sentence why it could not be read. The caller decides what may be read:
 * the converter never touches a file system or the network itself.
 */
export type RefLoader = (location: string) => Promise<string>

export type RefSource = {
  /** The root spec's own location; relative `$ref`s resolve against it. */
  location: string
  load: RefLoader
  /** Caps on the referenced files read for one import. */
  maxFiles?: number
  maxBytes?: number
}

export const REF_LIMITS = { maxFiles: 5000, maxBytes: 40 * 1024 * 1024, concurrency: 8 } as const

/** Where `upload:///a/b.yaml` shows in a report: `a/b.yaml`; a URL stays a URL. */
export function shownLocation(location: string): string {
  return location.startsWith('upload:///') ? decodeURIComponent(location.slice('upload:///'.length)) : location
}

function splitRef(ref: string, base: string): { file: string; pointer: string } | null {
  try {
    const url = new URL(ref, base)
    const pointer = decodeURIComponent(url.hash.replace(/^#/, ''))
    url.hash = ''
    return { file: url.href, pointer }
  } catch {
    return null
  }
}

/** Follows a JSON pointer (`/components/schemas/Pet`, `~1` and `~0` escapes) into a document. */
function atPointer(doc: unknown, pointer: string): { found: true; value: unknown } | { found: false } {
  if (pointer === '' || pointer === '/') return { found: true, value: doc }
  let node = doc
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(node) && /^\d+$/.test(key) && Number(key) < node.length) node = node[Number(key)]
    else if (isRecord(node) && Object.hasOwn(node, key)) node = node[key]
    else return { found: false }
  }
  return { found: true, value: node }
}

/**
 * A vendor extension of an operation (`x-codeSamples`, `x-sdk-…`): Courier imports none, so the
 * files its refs name are not read (DigitalOcean's code samples are half of its 2,900 files).
 * Only on operations: elsewhere `x-` is a common header or property name.
 */
function operationExtension(node: Obj, key: string): boolean {
  return key.startsWith('x-') && (isRecord(node.responses) || typeof node.operationId === 'string')
}

/** Every `$ref` string under a node (iterative: specs can be deep). */
function refsIn(root: unknown): string[] {
  const out: string[] = []
  const stack = [root]
  const seen = new Set<unknown>()
  while (stack.length) {
    const node = stack.pop()
    if (seen.has(node)) continue // YAML aliases share nodes
    seen.add(node)
    if (Array.isArray(node)) stack.push(...node)
    else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') out.push(value)
        else if (typeof value === 'object' && value !== null && !operationExtension(node, key)) stack.push(value)
      }
    }
  }
  return out
}

/**
 * An OpenAPI document with every `$ref` replaced by what it points to, internal (`#/…`) and
 * external (`other.yaml#/…`, `../models/pet.json`). A ref shared by many places becomes one
 * shared object, and a recursive schema a cycle in the graph (the converter bounds its walks),
 * so resolving is linear in the size of the files. External files are read only through
 * `source.load`, at most `maxFiles` of them and `maxBytes` in all; every ref that could not be
 * followed is reported (the file it is in, the ref, why) and left as an empty object.
 */
export async function resolveRefs(
  root: Obj,
  source: RefSource | undefined,
  builder: ImportBuilder,
  title: string,
): Promise<{ doc: Obj; files: number }> {
  const rootLocation = source?.location ?? 'upload:///spec'
  const docs = new Map<string, unknown>([[rootLocation, root]])
  const failed = new Map<string, string>()
  const maxFiles = source?.maxFiles ?? REF_LIMITS.maxFiles
  const maxBytes = source?.maxBytes ?? REF_LIMITS.maxBytes
  let bytes = 0
  /** Files asked for so far (counted before each read, since reads run a few at a time). */
  let started = 0

  // 1. Read every file reachable through refs, breadth first, a few at a time.
  let frontier = [rootLocation]
  while (frontier.length) {
    const wanted = new Set<string>()
    for (const location of frontier)
      for (const ref of refsIn(docs.get(location))) {
        if (ref.startsWith('#')) continue
        const target = splitRef(ref, location)
        if (target && !docs.has(target.file) && !failed.has(target.file)) wanted.add(target.file)
      }
    const list = [...wanted]
    const loaded: string[] = []
    for (let i = 0; i < list.length; i += REF_LIMITS.concurrency) {
      await Promise.all(
        list.slice(i, i + REF_LIMITS.concurrency).map(async (file) => {
          if (!source) {
            failed.set(
              file,
              'The spec was pasted as text; import it by URL or upload its folder so its other files can be read.',
            )
            return
          }
          if (started >= maxFiles) {
            failed.set(file, `The spec references more than ${maxFiles} files; the rest were not read.`)
            return
          }
          started += 1
          try {
            const text = await source.load(file)
            bytes += text.length
            if (bytes > maxBytes) {
              failed.set(
                file,
                `The referenced files add up to more than ${maxBytes / 1024 / 1024} MB; the rest were not read.`,
              )
              return
            }
            docs.set(file, /\.(md|markdown|txt)$/i.test(new URL(file).pathname) ? text : parseSpecText(text))
            loaded.push(file)
          } catch (error) {
            const message = (error as Error).message.replace(/\.$/, '')
            failed.set(file, error instanceof ConvertError ? `It could not be parsed: ${message}.` : `${message}.`)
          }
        }),
      )
    }
    frontier = loaded
  }

  // 2. Replace refs by their targets; one object per target, filled in after it is registered so cycles close.
  const resolved = new Map<string, unknown>()
  const reported = new Set<string>()
  const report = (file: string, ref: string, reason: string) => {
    const key = `${file}\u0000${ref}`
    if (reported.has(key)) return
    reported.add(key)
    builder.skip(`${title} › ${shownLocation(file)}`, `$ref “${ref}”`, reason)
  }
  const walking = new Set<string>()

  const follow = (ref: string, file: string): unknown => {
    const target = splitRef(ref, file)
    if (!target) {
      report(file, ref, 'It is not a valid reference.')
      return {}
    }
    const key = `${target.file}#${target.pointer}`
    if (resolved.has(key)) return resolved.get(key)
    const why = failed.get(target.file)
    if (why !== undefined) {
      report(file, ref, why)
      return {}
    }
    const doc = docs.get(target.file)
    const hit = atPointer(doc, target.pointer)
    if (!hit.found) {
      report(file, ref, `${shownLocation(target.file)} has nothing at “#${target.pointer}”.`)
      return {}
    }
    if (walking.has(key)) return {} // a ref that points (through refs only) at itself
    walking.add(key)
    const value = copy(hit.value, target.file, key)
    walking.delete(key)
    resolved.set(key, value)
    return value
  }

  // A node reached twice (a YAML alias, or a ref target also walked in place) is copied once.
  const copies = new WeakMap<object, unknown>()
  const copy = (node: unknown, file: string, key?: string): unknown => {
    if (typeof node === 'object' && node !== null && copies.has(node)) {
      const done = copies.get(node)
      if (key) resolved.set(key, done)
      return done
    }
    if (Array.isArray(node)) {
      const out: unknown[] = []
      copies.set(node, out)
      if (key) resolved.set(key, out)
      for (const item of node) out.push(copy(item, file))
      return out
    }
    if (!isRecord(node)) return node
    if (typeof node.$ref === 'string') {
      const target = follow(node.$ref, file)
      const siblings = Object.keys(node).filter((k) => k !== '$ref')
      if (siblings.length === 0 || !isRecord(target)) return target
      // OpenAPI 3.1 lets a ref carry a summary/description of its own: those win.
      const merged: Obj = { ...target }
      for (const k of siblings) merged[k] = copy(node[k], file)
      return merged
    }
    const out: Obj = {}
    copies.set(node, out)
    if (key) resolved.set(key, out)
    for (const [k, value] of Object.entries(node)) out[k] = operationExtension(node, k) ? value : copy(value, file)
    return out
  }

  return { doc: copy(root, rootLocation) as Obj, files: docs.size - 1 }
}
