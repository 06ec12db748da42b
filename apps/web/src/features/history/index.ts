export { HistoryList } from './HistoryList'
export { historyEntryOptions, historyKeys, historyListOptions } from './history-queries'
