import type { FastifyInstance } from 'fastify'
import { endpoints, type GitResult, type WorkspaceFilesStatus } from '@courier/shared'
import { parseInput } from './parse-input.js'
import { gitModule, type WorkspaceFilesService } from '../plugins/workspace-files-service.js'

export type WorkspaceFilesRoutesOptions = { service: WorkspaceFilesService | null }

const TEAM_STATUS: WorkspaceFilesStatus = {
  dir: null,
  fromFlag: false,
  syncedAt: null,
  problems: [],
  notices: [],
  literalCredentials: [],
  git: null,
  gitError: null,
  gitAvailable: false,
}

/**
 * The workspace kept as files (issue 19): its status, the folder Settings chooses, and git run
 * when the person asks. A git command is followed by a sync, so what a pull brought is in Courier
 * before the answer. A team server (service null) keeps workspaces in its database: its status
 * says no folder, and only that route exists.
 */
export default async function workspaceFilesRoutes(fastify: FastifyInstance, options: WorkspaceFilesRoutesOptions) {
  const {
    getWorkspaceFiles,
    setWorkspaceFolder,
    gitInit: init,
    gitCommit: commit,
    gitPull: pull,
    gitPush: push,
  } = endpoints
  const service = options.service
  fastify.get(getWorkspaceFiles.path, async (): Promise<WorkspaceFilesStatus> => service?.status() ?? TEAM_STATUS)
  if (!service) return

  fastify.put(setWorkspaceFolder.path, async (request): Promise<WorkspaceFilesStatus> => {
    const { dir } = parseInput(setWorkspaceFolder.body, request.body)
    await service.choose(dir)
    return service.status()
  })

  /** Runs a git command in the folder, then syncs (a pull changes files) and tells open pages. */
  const git = async (command: (dir: string) => Promise<string>): Promise<GitResult> => {
    const sync = service.require()
    const settle = async () => {
      await sync.syncNow()
      await service.announce()
    }
    // What Courier saved a moment ago is in the files before git looks at them.
    await sync.syncNow()
    let output: string
    try {
      output = await command(sync.dir)
    } catch (error) {
      await settle() // a failed pull can still have changed files (conflict markers)
      throw error
    }
    await settle()
    return { output, status: await service.status() }
  }
  fastify.post(init.path, async () => git((await gitModule()).gitInit))
  fastify.post(commit.path, async (request) => {
    const { message } = parseInput(commit.body, request.body ?? {})
    const { gitCommit } = await gitModule()
    return git((dir) => gitCommit(dir, message))
  })
  fastify.post(pull.path, async () => git((await gitModule()).gitPull))
  fastify.post(push.path, async () => git((await gitModule()).gitPush))
}
