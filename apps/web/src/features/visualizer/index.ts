export { VisualizerView, type Visualization } from './VisualizerView'
