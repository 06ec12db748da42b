export { GraphqlBody } from './GraphqlBody'
