/**
 * Single-user Courier's one workspace and one person: every row that names no other belongs to
 * them (migration 0011 gave existing rows these ids). Kept apart from the migration so code that
 * only needs the ids (a send, the CLI runner) does not load the migration's query builder.
 */
export const LOCAL_WORKSPACE_ID = 'local'
export const LOCAL_USER_ID = 'local'
