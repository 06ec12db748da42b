import { z } from 'zod'
import { InheritableSchema } from '../collection.js'
import { RequestSpecSchema } from '../request-spec.js'
import { VariableSchema } from '../variables.js'

/** One file of a workspace folder: its path (always `/`) and its text. */
export type WorkspaceFile = { path: string; text: string }

/** A file that could not be loaded, with a sentence a person understands. */
export type FileProblem = { path: string; message: string }

/** A secret variable's value, kept out of the files and referred to by its owner's id and its name. */
export type SecretValue = { ownerId: string; name: string; value: string }

export const COLLECTIONS_DIR = 'collections'
export const ENVIRONMENTS_DIR = 'environments'
export const COLLECTION_FILE = 'collection.yaml'
export const FOLDER_FILE = 'folder.yaml'

/** Keys in the order they are written: what people read first comes first. */
export const INHERITABLE_KEYS = ['description', 'auth', 'headers', 'variables', 'scripts'] as const
export const REQUEST_KEYS = [
  'method',
  'url',
  'params',
  'pathParams',
  'headers',
  'body',
  'auth',
  'cookies',
  'settings',
  'captures',
  'assertions',
  'scripts',
  'examples',
  'realtime',
] as const satisfies readonly (keyof z.infer<typeof RequestSpecSchema>)[]

/** A variable as written: value left out when secret; `enabled` and `secret` only when not the default. */
export const FileVariableSchema = VariableSchema.extend({
  // A value typed by hand as `port: 8080` or `debug: true` is read as the text it shows.
  value: z
    .preprocess((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v), z.string().max(1024 * 1024))
    .optional(),
}).strict()

const Head = { courier: z.number(), id: z.string().min(1), name: z.string().min(1).max(200) }

export const ContainerFileSchema = InheritableSchema.omit({ variables: true })
  .extend({
    ...Head,
    variables: z.array(FileVariableSchema).max(5000).default([]),
    order: z.array(z.string()).default([]),
  })
  .strict()

export const RequestFileSchema = RequestSpecSchema.extend(Head).strict()

export const EnvironmentFileSchema = z
  .object({ ...Head, variables: z.array(FileVariableSchema).max(5000).default([]) })
  .strict()
