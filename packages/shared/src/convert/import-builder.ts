import {
  CollectionTreeSchema,
  InheritableSchema,
  type CollectionItem,
  type CollectionTree,
  type Inheritable,
} from '../collection.js'
import { RequestSpecSchema, type RequestSpecInput } from '../request-spec.js'
import type { Variable } from '../variables.js'
import {
  ConvertError,
  IMPORT_LIMITS,
  type ImportFormat,
  type ImportResult,
  type ImportedEnvironment,
  type SkippedItem,
} from './import-result.js'

const EPOCH = '1970-01-01T00:00:00.000Z'

/** Names from a file are data: trimmed, control characters removed, cut to what the store accepts. */
export function cleanName(name: unknown, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const text = typeof name === 'string' ? name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() : ''
  return (text || fallback).slice(0, 200)
}

export type FolderInput = Partial<Inheritable> & { name: unknown }

/**
 * Collects what an import produces: collection trees with local ids, environments and the
 * report. Enforces the item, depth and environment caps (docs/security.md#storage).
 */
export class ImportBuilder {
  readonly collections: CollectionTree[] = []
  readonly environments: ImportedEnvironment[] = []
  readonly skipped: SkippedItem[] = []
  private next = 0
  private items = 0
  /** Parent and child count by id, so deep and wide trees stay linear to build. */
  private readonly parents = new Map<string, string | null>()
  private readonly children = new Map<string, number>()

  constructor(
    readonly format: ImportFormat,
    readonly formatLabel: string,
  ) {}

  skip(where: string, what: string, reason: string): void {
    // The same problem in many places is listed once per place, but not more than 2000 lines in all.
    if (this.skipped.length < 2000) this.skipped.push({ where, what, reason })
  }

  collection(name: unknown, data: Partial<Inheritable> = {}): CollectionTree {
    if (this.collections.length >= 100)
      throw new ConvertError('IMPORT_TOO_LARGE', 'The file holds more than 100 collections.')
    const inheritable = this.inheritable(data, cleanName(name, 'Imported collection'))
    const tree: CollectionTree = {
      ...inheritable,
      id: this.id('c'),
      version: 1,
      updatedAt: EPOCH,
      name: cleanName(name, 'Imported collection'),
      schemaVersion: 1,
      items: [],
    }
    this.collections.push(tree)
    return tree
  }

  folder(tree: CollectionTree, parentId: string | null, input: FolderInput): string {
    this.count(parentId)
    const name = cleanName(input.name, 'Folder')
    const id = this.id('f')
    this.parents.set(id, parentId)
    const item: CollectionItem = {
      ...this.inheritable(input, name),
      id,
      version: 1,
      updatedAt: EPOCH,
      kind: 'folder',
      collectionId: tree.id,
      parentId,
      name,
      position: this.position(tree, parentId),
    }
    tree.items.push(item)
    return item.id
  }

  /** Adds a request; one that does not fit the contract is reported instead of stored. */
  request(
    tree: CollectionTree,
    parentId: string | null,
    name: unknown,
    spec: RequestSpecInput,
    where: string,
  ): string | null {
    const parsed = RequestSpecSchema.safeParse(spec)
    const cleaned = cleanName(name, 'Request')
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      this.skip(
        where,
        `request “${cleaned}”`,
        `It does not fit Courier's request model (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}).`,
      )
      return null
    }
    this.count(parentId)
    const item: CollectionItem = {
      id: this.id('r'),
      version: 1,
      updatedAt: EPOCH,
      kind: 'request',
      collectionId: tree.id,
      parentId,
      name: cleaned,
      position: this.position(tree, parentId),
      request: parsed.data,
    }
    tree.items.push(item)
    return item.id
  }

  environment(name: unknown, variables: Variable[], globals = false): void {
    if (this.environments.length >= IMPORT_LIMITS.maxEnvironments)
      throw new ConvertError(
        'IMPORT_TOO_LARGE',
        `The file holds more than ${IMPORT_LIMITS.maxEnvironments} environments.`,
      )
    this.environments.push({
      name: cleanName(name, 'Imported environment'),
      variables: variables.slice(0, 5000),
      globals,
    })
  }

  result(): ImportResult {
    const all = this.collections.flatMap((c) => c.items)
    const variables =
      this.environments.reduce((n, e) => n + e.variables.length, 0) +
      this.collections.reduce((n, c) => n + c.variables.length, 0) +
      all.reduce((n, i) => n + (i.kind === 'folder' ? i.variables.length : 0), 0)
    for (const tree of this.collections) CollectionTreeSchema.parse(tree)
    return {
      collections: this.collections,
      environments: this.environments,
      report: {
        format: this.format,
        formatLabel: this.formatLabel,
        counts: {
          collections: this.collections.length,
          folders: all.filter((i) => i.kind === 'folder').length,
          requests: all.filter((i) => i.kind === 'request').length,
          environments: this.environments.length,
          variables,
        },
        skipped: this.skipped,
      },
    }
  }

  private inheritable(data: Partial<Inheritable>, where: string): Inheritable {
    const parsed = InheritableSchema.safeParse(data)
    if (parsed.success) return parsed.data
    this.skip(where, 'settings (auth, headers or variables)', 'They do not fit Courier’s model and were left out.')
    return InheritableSchema.parse({
      description: typeof data.description === 'string' ? data.description.slice(0, 100_000) : '',
    })
  }

  private id(prefix: string): string {
    this.next += 1
    return `${prefix}${this.next}`
  }

  private position(tree: CollectionTree, parentId: string | null): number {
    const key = `${tree.id}/${parentId ?? ''}`
    const position = this.children.get(key) ?? 0
    this.children.set(key, position + 1)
    return position
  }

  private count(parentId: string | null): void {
    this.items += 1
    if (this.items > IMPORT_LIMITS.maxItems)
      throw new ConvertError(
        'IMPORT_TOO_LARGE',
        `The file holds more than ${IMPORT_LIMITS.maxItems} requests and folders; split it and import the parts.`,
      )
    let depth = 0
    for (let id = parentId; id !== null; depth++) {
      id = this.parents.get(id) ?? null
      if (depth > IMPORT_LIMITS.maxDepth)
        throw new ConvertError('IMPORT_TOO_LARGE', `Folders are nested more than ${IMPORT_LIMITS.maxDepth} deep.`)
    }
  }
}
