import { describe, expect, it } from 'vitest'
import { DataFileError, parseDataFile } from './data-file.js'

describe('parseDataFile', () => {
  it('reads CSV with a header line as string rows, quotes and a byte-order mark included', () => {
    expect(parseDataFile('\uFEFFid,name\n1,"Ada, Countess"\n2,Grace\n\n', 'users.csv')).toEqual([
      { id: '1', name: 'Ada, Countess' },
      { id: '2', name: 'Grace' },
    ])
  })

  it('reads a JSON array of objects, keeping value types', () => {
    expect(parseDataFile('[{"id": 1, "ok": true}, {"id": 2}]', 'rows.json')).toEqual([{ id: 1, ok: true }, { id: 2 }])
  })

  it('says what is wrong in a sentence', () => {
    expect(() => parseDataFile('{"id": 1}', 'rows.json')).toThrow(/must hold a JSON array/)
    expect(() => parseDataFile('[1]', 'rows.json')).toThrow(/item 1 is not an object/)
    expect(() => parseDataFile('', 'rows.csv')).toThrow(DataFileError)
    expect(() => parseDataFile('a,b\n1,2,3\n', 'rows.csv')).toThrow(/rows.csv is not valid CSV/)
  })
})
