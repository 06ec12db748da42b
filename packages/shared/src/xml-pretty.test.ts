import { describe, expect, it } from 'vitest'
import { prettyXml } from './xml-pretty.js'

describe('XML pretty-print', () => {
  it('indents nested elements and keeps text-only elements on one line', () => {
    const xml =
      '<?xml version="1.0"?><feed><title>News &amp; notes</title><entry id="1"><link href="/a"/><empty></empty></entry></feed>'
    expect(prettyXml(xml)).toBe(
      [
        '<?xml version="1.0"?>',
        '<feed>',
        '  <title>News &amp; notes</title>',
        '  <entry id="1">',
        '    <link href="/a"/>',
        '    <empty></empty>',
        '  </entry>',
        '</feed>',
      ].join('\n'),
    )
  })

  it('keeps comments, CDATA and attribute values containing > intact', () => {
    const xml = '<a><!-- a > b --><b attr="x > y"><![CDATA[<not a tag>]]></b></a>'
    expect(prettyXml(xml)).toBe(
      ['<a>', '  <!-- a > b -->', '  <b attr="x > y"><![CDATA[<not a tag>]]></b>', '</a>'].join('\n'),
    )
  })

  it('re-indents already indented input the same way', () => {
    const once = prettyXml('<r><s><t>1</t></s></r>')
    expect(prettyXml(once)).toBe(once)
  })

  it('does not throw on malformed input', () => {
    expect(prettyXml('<a><b>unclosed')).toBe(['<a>', '  <b>', '    unclosed'].join('\n'))
    expect(prettyXml('</stray><x/>')).toBe('</stray>\n<x/>')
  })
})
