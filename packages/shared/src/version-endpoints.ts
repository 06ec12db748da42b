import { z } from 'zod'
import {
  OneVersionParamsSchema,
  TrashEntrySchema,
  TrashRestoredSchema,
  VersionDetailSchema,
  VersionParamsSchema,
  VersionSummarySchema,
} from './versions.js'

const IdParamsSchema = z.object({ id: z.string().min(1).max(200) })

/** Versions of collections, items and environments, and the trash (part of `endpoints`). */
export const versionEndpoints = {
  listVersions: {
    method: 'GET',
    path: '/api/versions/:kind/:id',
    params: VersionParamsSchema,
    response: z.array(VersionSummarySchema),
  },
  getVersion: {
    method: 'GET',
    path: '/api/versions/:kind/:id/:version',
    params: OneVersionParamsSchema,
    response: VersionDetailSchema,
  },
  restoreVersion: {
    method: 'POST',
    path: '/api/versions/:kind/:id/:version/restore',
    params: OneVersionParamsSchema,
    /** Empty: writes are JSON. */
    body: z.object({}),
    response: VersionDetailSchema,
  },
  listTrash: { method: 'GET', path: '/api/trash', response: z.array(TrashEntrySchema) },
  restoreTrash: {
    method: 'POST',
    path: '/api/trash/:id/restore',
    params: IdParamsSchema,
    /** Empty: writes are JSON. */
    body: z.object({}),
    response: TrashRestoredSchema,
  },
  deleteTrash: { method: 'DELETE', path: '/api/trash/:id', params: IdParamsSchema, response: z.null() },
} as const
