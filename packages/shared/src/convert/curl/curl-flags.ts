// Flags that take a value, long and short, so their value is never read as the URL.
export const WITH_VALUE = new Set([
  '-X',
  '--request',
  '-H',
  '--header',
  '-d',
  '--data',
  '--data-ascii',
  '--data-raw',
  '--data-binary',
  '--data-urlencode',
  '--json',
  '-F',
  '--form',
  '--form-string',
  '-u',
  '--user',
  '-b',
  '--cookie',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '--url',
  '-m',
  '--max-time',
  '--connect-timeout',
  '--max-redirs',
  '--retry',
  '--oauth2-bearer',
  '-o',
  '--output',
  '-w',
  '--write-out',
  '-c',
  '--cookie-jar',
  '-x',
  '--proxy',
  '-U',
  '--proxy-user',
  '--cacert',
  '--capath',
  '-E',
  '--cert',
  '--key',
  '--resolve',
  '--connect-to',
  '--interface',
  '-T',
  '--upload-file',
  '-r',
  '--range',
  '-z',
  '--time-cond',
  '--limit-rate',
  '-K',
  '--config',
  '--retry-delay',
  '--retry-max-time',
])
// Flags about curl's own output or transport that change nothing Courier sends.
export const COSMETIC = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '-f',
  '--fail',
  '--fail-with-body',
  '--no-progress-meter',
  '-#',
  '--progress-bar',
  '--http1.1',
  '--http2',
  '--http1.0',
  '-N',
  '--no-buffer',
  '--compressed',
  '--globoff',
  '-g',
  '-sS',
  '-Ss',
  '--path-as-is',
  '--no-keepalive',
  '--tr-encoding',
])

export function expandShort(words: string[]): string[] {
  // `-sSL` is `-s -S -L`; `-XPOST` is `-X POST`; `-HContent-Type:x` is `-H Content-Type:x`.
  const out: string[] = []
  for (const word of words) {
    if (!/^-[A-Za-z#]/.test(word) || word.startsWith('--') || word.length <= 2) {
      out.push(word)
      continue
    }
    for (let i = 1; i < word.length; i++) {
      const flag = `-${word[i]}`
      if (WITH_VALUE.has(flag)) {
        out.push(flag)
        if (i + 1 < word.length) out.push(word.slice(i + 1))
        break
      }
      out.push(flag)
    }
  }
  return out
}
