import { describe, expect, it } from 'vitest'
import { framesOfEventStream } from './sse-events'

describe('framesOfEventStream', () => {
  it('reads id, event, retry and multi-line data, skipping comments', () => {
    const frames = framesOfEventStream(
      ': hi\n\nid: 1\nevent: tick\nretry: 500\ndata: {"n":1}\n\ndata: a\ndata: b\r\n\r\n',
      5,
    )
    expect(frames).toHaveLength(2)
    expect(frames[0]).toMatchObject({ seq: 1, id: '1', event: 'tick', retry: 500, data: '{"n":1}', type: 'event' })
    expect(frames[1]).toMatchObject({ seq: 2, data: 'a\nb', size: 3 })
  })
})
