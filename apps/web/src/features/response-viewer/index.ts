export { ResponseViewer, type ResponseState } from './ResponseViewer'
