import { describe, expect, it } from 'vitest'
import { DataFileError, parseDataFile } from './data-file.js'

describe('parseDataFile', () => {
  it('reads CSV with a header line as newman 6 does: quotes, a byte-order mark, numbers cast unless quoted', () => {
    expect(parseDataFile('\uFEFFid,name,code\n1,"Ada, Countess","007"\n2.5,Grace,x\n\n', 'users.csv')).toEqual([
      { id: 1, name: 'Ada, Countess', code: '007' },
      { id: 2.5, name: 'Grace', code: 'x' },
    ])
    // Spaces around commas trimmed, a quote inside an unquoted field kept, "" inside quotes, ragged rows.
    expect(parseDataFile('a , b\n x , say "hi"\n"q""uote",2,extra\n', 'loose.csv')).toEqual([
      { a: 'x', b: 'say "hi"' },
      { a: 'q"uote', b: 2 },
    ])
  })

  it('reads a JSON array of objects, keeping value types', () => {
    expect(parseDataFile('[{"id": 1, "ok": true}, {"id": 2}]', 'rows.json')).toEqual([{ id: 1, ok: true }, { id: 2 }])
  })

  it('says what is wrong in a sentence', () => {
    expect(() => parseDataFile('{"id": 1}', 'rows.json')).toThrow(/must hold a JSON array/)
    expect(() => parseDataFile('[1]', 'rows.json')).toThrow(/item 1 is not an object/)
    expect(() => parseDataFile('', 'rows.csv')).toThrow(DataFileError)
    expect(() => parseDataFile('a,b\n"1,2\n', 'rows.csv')).toThrow(/rows.csv is not valid CSV/)
  })
})
