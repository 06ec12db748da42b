import { z } from 'zod'
import { RequestSpecSchema } from './request-spec.js'

/** One open editor tab: what is being written, and which saved request (if any) it edits. */
export const TabSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().max(200),
  /** The saved request this tab edits; null for a scratch request never saved. */
  itemId: z.string().nullable(),
  /** The saved request's version the draft started from, for a 409 on save. */
  baseVersion: z.number().int().nullable(),
  draft: RequestSpecSchema,
  isDirty: z.boolean(),
  /** The last response shown in this tab (a history id), restored with it. */
  responseId: z.string().nullable().default(null),
})

/** Open tabs, the active one and the active environment: restored after a reload or a restart. */
export const WorkspaceStateSchema = z.object({
  tabs: z.array(TabSchema).max(100),
  activeTabId: z.string().nullable(),
  environmentId: z.string().nullable(),
  /** Recently closed tabs, newest first, with their drafts: Ctrl+Shift+T reopens them. */
  closedTabs: z.array(TabSchema).max(20).default([]),
})

export type Tab = z.infer<typeof TabSchema>
export type WorkspaceState = z.infer<typeof WorkspaceStateSchema>
