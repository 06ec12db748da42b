import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { encodeMultipart } from './multipart.js'

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('encodeMultipart', () => {
  it('writes RFC 7578 parts exactly, with a length known up front', async () => {
    const encoded = encodeMultipart(
      [
        { kind: 'text', name: 'title', value: 'Zoë', headers: [] },
        { kind: 'text', name: 'report', value: 'some,data', filename: 'report.csv', headers: [] },
        {
          kind: 'file',
          name: 'upload',
          filename: 'a.bin',
          contentType: 'application/x-thing',
          headers: [['X-Part', '1']],
          size: 3,
          open: () => Readable.from([Buffer.from([0, 1, 2])]),
        },
      ],
      'BOUNDARY',
    )
    const bytes = await collect(encoded.stream())
    expect(bytes.toString('latin1')).toBe(
      [
        '--BOUNDARY',
        'Content-Disposition: form-data; name="title"',
        '',
        Buffer.from('Zoë', 'utf8').toString('latin1'),
        '--BOUNDARY',
        'Content-Disposition: form-data; name="report"; filename="report.csv"',
        '',
        'some,data',
        '--BOUNDARY',
        'Content-Disposition: form-data; name="upload"; filename="a.bin"',
        'Content-Type: application/x-thing',
        'X-Part: 1',
        '',
        '\u0000\u0001\u0002',
        '--BOUNDARY--',
        '',
      ].join('\r\n'),
    )
    expect(encoded.size).toBe(bytes.length)
    expect(encoded.contentType).toBe('multipart/form-data; boundary=BOUNDARY')
  })

  it('escapes quotes and line breaks in names so a part cannot forge headers', async () => {
    const encoded = encodeMultipart(
      [{ kind: 'text', name: 'a"\r\nX-Evil: 1', value: 'v', filename: '../../etc/passwd"', headers: [] }],
      'B',
    )
    const text = (await collect(encoded.stream())).toString('utf8')
    expect(text).toContain('name="a%22%0D%0AX-Evil: 1"; filename="../../etc/passwd%22"')
    expect(text.split('\r\n').filter((line) => line.startsWith('X-Evil'))).toEqual([])
  })

  it('replays the same bytes on every stream (redirects and retries)', async () => {
    const encoded = encodeMultipart([
      {
        kind: 'file',
        name: 'f',
        filename: 'x',
        contentType: '',
        headers: [],
        size: 2,
        open: () => Readable.from([Buffer.from('hi')]),
      },
    ])
    expect((await collect(encoded.stream())).equals(await collect(encoded.stream()))).toBe(true)
  })

  it('shows file parts as placeholders in the preview', () => {
    const encoded = encodeMultipart([
      {
        kind: 'file',
        name: 'f',
        filename: 'big.iso',
        contentType: 'application/octet-stream',
        headers: [],
        size: 5_000_000,
        open: () => Readable.from([]),
      },
    ])
    expect(encoded.preview).toContain('<file big.iso, 5000000 bytes>')
  })
})
