import { describeChangeBus } from './change-bus-contract.js'
import { LocalChangeBus } from './local-change-bus.js'

describeChangeBus('in-process', async () => new LocalChangeBus())
