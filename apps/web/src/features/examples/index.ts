export { ExamplesPanel } from './ExamplesPanel'
export { SaveExampleButton } from './SaveExampleButton'
export { exampleFromRecord, freshExampleName } from './example-from-record'
