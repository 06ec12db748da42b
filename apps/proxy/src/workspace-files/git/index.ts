export { gitAvailable } from './run-git.js'
export { gitState } from './git-state.js'
export { gitCommit, gitInit, gitPull, gitPush } from './git-commands.js'
export { literalCredentials } from './literal-credentials.js'
