export { CommandPalette, type Command } from './CommandPalette'
