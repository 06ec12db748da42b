export { MocksView } from './MocksView'
