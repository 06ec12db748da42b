export { HistoryList } from './HistoryList'
export { historyEntryOptions, historyKeys, historyListOptions } from './history-queries'
export { bodyText } from './compare-body'
