/**
 * Every option of curl 7.88.1 (`curl --help all`, the binary the import tests run as the oracle):
 * `long` name, `=` when it takes a value, `/x` for its short form. Knowing them all is what keeps
 * an unknown option's value from being read as the URL (`--trace-ascii log.txt`).
 */
const TABLE = `
  abstract-unix-socket= alt-svc= anyauth append/a aws-sigv4= basic cacert= capath= cert=/E cert-status
  cert-type= ciphers= compressed compressed-ssh config=/K connect-timeout= connect-to= continue-at=/C
  cookie=/b cookie-jar=/c create-dirs create-file-mode= crlf crlfile= curves= data=/d data-ascii=
  data-binary= data-raw= data-urlencode= delegation= digest disable/q disable-eprt disable-epsv
  disallow-username-in-url dns-interface= dns-ipv4-addr= dns-ipv6-addr= dns-servers= doh-cert-status
  doh-insecure doh-url= dump-header=/D egd-file= engine= etag-compare= etag-save= expect100-timeout=
  fail/f fail-early fail-with-body false-start form=/F form-escape form-string= ftp-account=
  ftp-alternative-to-user= ftp-create-dirs ftp-method= ftp-pasv ftp-port=/P ftp-pret ftp-skip-pasv-ip
  ftp-ssl-ccc ftp-ssl-ccc-mode= ftp-ssl-control get/G globoff/g happy-eyeballs-timeout-ms=
  haproxy-protocol head/I header=/H help=/h hostpubmd5= hostpubsha256= hsts= http0.9 http1.0/0 http1.1
  http2 http2-prior-knowledge http3 http3-only ignore-content-length include/i insecure/k interface=
  ipv4/4 ipv6/6 json= junk-session-cookies/j keepalive-time= key= key-type= krb= libcurl= limit-rate=
  list-only/l local-port= location/L location-trusted login-options= mail-auth= mail-from= mail-rcpt=
  mail-rcpt-allowfails manual/M max-filesize= max-redirs= max-time=/m metalink negotiate netrc/n
  netrc-file= netrc-optional next/: no-alpn no-buffer/N no-clobber no-keepalive no-npn no-progress-meter
  no-sessionid noproxy= ntlm ntlm-wb oauth2-bearer= output=/o output-dir= parallel/Z parallel-immediate
  parallel-max= pass= path-as-is pinnedpubkey= post301 post302 post303 preproxy= progress-bar/# proto=
  proto-default= proto-redir= proxy=/x proxy-anyauth proxy-basic proxy-cacert= proxy-capath= proxy-cert=
  proxy-cert-type= proxy-ciphers= proxy-crlfile= proxy-digest proxy-header= proxy-insecure proxy-key=
  proxy-key-type= proxy-negotiate proxy-ntlm proxy-pass= proxy-pinnedpubkey= proxy-service-name=
  proxy-ssl-allow-beast proxy-ssl-auto-client-cert proxy-tls13-ciphers= proxy-tlsauthtype=
  proxy-tlspassword= proxy-tlsuser= proxy-tlsv1 proxy-user=/U proxy1.0= proxytunnel/p pubkey= quote=/Q
  random-file= range=/r rate= raw referer=/e remote-header-name/J remote-name/O remote-name-all
  remote-time/R remove-on-error request=/X request-target= resolve= retry= retry-all-errors
  retry-connrefused retry-delay= retry-max-time= sasl-authzid= sasl-ir service-name= show-error/S silent/s
  socks4= socks4a= socks5= socks5-basic socks5-gssapi socks5-gssapi-nec socks5-gssapi-service=
  socks5-hostname= speed-limit=/Y speed-time=/y ssl ssl-allow-beast ssl-auto-client-cert ssl-no-revoke
  ssl-reqd ssl-revoke-best-effort sslv2/2 sslv3/3 stderr= styled-output suppress-connect-headers
  tcp-fastopen tcp-nodelay telnet-option=/t tftp-blksize= tftp-no-options time-cond=/z tls-max=
  tls13-ciphers= tlsauthtype= tlspassword= tlsuser= tlsv1/1 tlsv1.0 tlsv1.1 tlsv1.2 tlsv1.3 tr-encoding
  trace= trace-ascii= trace-time unix-socket= upload-file=/T url= url-query= use-ascii/B user=/u
  user-agent=/A verbose/v version/V write-out=/w xattr
`

/** Options newer curls added (8.x), so a command written for them still keeps its URL. */
const NEWER = `ca-native dump-ca-embed ech= follow haproxy-clientip= ip-tos= ipfs-gateway= knownhosts= mptcp
  out-null proxy-ca-native proxy-http2 sigalgs= skip-existing ssl-sessions= tls-earlydata trace-config=
  upload-flags= variable= vlan-priority=`

export type CurlOption = { long: string; short?: string; takesValue: boolean }

const OPTIONS: CurlOption[] = `${TABLE} ${NEWER}`
  .trim()
  .split(/\s+/)
  .map((entry) => {
    const [name, short] = entry.split('/') as [string, string | undefined]
    const takesValue = name.endsWith('=')
    return { long: name.replace(/=$/, ''), takesValue, ...(short ? { short } : {}) }
  })

const BY_LONG = new Map(OPTIONS.map((o) => [o.long, o]))
const BY_SHORT = new Map(OPTIONS.filter((o) => o.short).map((o) => [o.short!, o]))

export type FoundOption = { option: CurlOption; negated: boolean }

/**
 * A long option by name as curl matches it: the exact name, `no-` before a switch
 * (`--no-location`), or an unambiguous prefix (`--sil` is `--silent`).
 */
export function longOption(name: string): FoundOption | undefined {
  const exact = BY_LONG.get(name)
  if (exact) return { option: exact, negated: false }
  // curl 8.3's `--expand-data` is `--data` with {{variables}} expanded.
  if (name.startsWith('expand-') && BY_LONG.has(name.slice(7)))
    return { option: BY_LONG.get(name.slice(7))!, negated: false }
  if (name.startsWith('no-')) {
    const base = BY_LONG.get(name.slice(3))
    if (base && !base.takesValue) return { option: base, negated: true }
  }
  const prefixed = OPTIONS.filter((o) => o.long.startsWith(name))
  return prefixed.length === 1 ? { option: prefixed[0]!, negated: false } : undefined
}

export function shortOption(letter: string): CurlOption | undefined {
  return BY_SHORT.get(letter)
}

/** Options that change only what curl prints, saves or how fast it goes: nothing on the wire. */
export const OUTPUT_ONLY = new Set(
  `append create-dirs create-file-mode dump-header fail fail-early fail-with-body help include libcurl
  manual max-filesize no-buffer no-clobber no-progress-meter output output-dir parallel parallel-immediate
  parallel-max progress-bar rate remote-header-name remote-name remote-name-all remote-time remove-on-error
  show-error silent speed-limit speed-time stderr styled-output suppress-connect-headers trace trace-ascii
  trace-time verbose version write-out xattr cookie-jar etag-save limit-rate keepalive-time no-keepalive
  tcp-nodelay tcp-fastopen disable raw compressed http1.1 retry-all-errors retry-connrefused retry-delay
  retry-max-time globoff path-as-is no-sessionid no-alpn no-npn false-start expect100-timeout
  happy-eyeballs-timeout-ms ipv4 ipv6 ignore-content-length junk-session-cookies basic`.split(/\s+/),
)
