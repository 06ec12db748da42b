export { CaptureView } from './CaptureView'
export { ConfirmDelete } from './ConfirmDelete'
export { CopyButton } from './CopyButton'
export { parseOrigins } from './origins'
