export { HistoryList } from './HistoryList'
export { historyEntryOptions, historyKeys } from './history-queries'
