import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server (npm smtp-server) on loopback that records every message it accepts:
 * envelope and raw RFC 5322 text. It offers STARTTLS with a certificate made for 127.0.0.1 by
 * openssl (trust it in the action's process with NODE_EXTRA_CA_CERTS=`caFile`) — or TLS from
 * the start with `implicitTls` — and with
 * `username`/`password` it requires AUTH PLAIN/LOGIN (only after STARTTLS unless insecureAuth).
 */

export interface ReceivedMail {
  from: string
  to: string[]
  user?: string
  secure: boolean
  raw: string
}

export interface SmtpOptions {
  username?: string
  password?: string
  /** Allow AUTH without TLS (for security: none). */
  insecureAuth?: boolean
  /** TLS from the first byte (SMTPS, port 465 style) instead of STARTTLS. */
  implicitTls?: boolean
  /** Answer RCPT TO for these addresses with 550. */
  rejectRecipients?: string[]
}

export interface Smtp {
  host: string
  port: number
  /** PEM of the server certificate, for NODE_EXTRA_CA_CERTS. */
  caFile: string
  messages: ReceivedMail[]
  stop(): Promise<void>
}

export async function startSmtp(options: SmtpOptions = {}): Promise<Smtp> {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-'))
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-keyout',
      key,
      '-out',
      cert
    ],
    { stdio: 'pipe' }
  )
  const messages: ReceivedMail[] = []
  const requireAuth = options.username !== undefined
  const server = new SMTPServer({
    secure: options.implicitTls ?? false,
    key: readFileSync(key),
    cert: readFileSync(cert),
    logger: false,
    authOptional: !requireAuth,
    allowInsecureAuth: options.insecureAuth ?? false,
    disabledCommands: requireAuth ? [] : ['AUTH'],
    onAuth(auth, _session, callback) {
      if (auth.username === options.username && auth.password === options.password) return callback(null, { user: auth.username })
      return callback(new Error('Invalid username or password'))
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.includes(address.address)) return callback(Object.assign(new Error('No such user here'), { responseCode: 550 }))
      return callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          secure: session.secure,
          raw: Buffer.concat(chunks).toString('utf8')
        })
        callback()
      })
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    host: '127.0.0.1',
    port,
    caFile: cert,
    messages,
    stop: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          rmSync(dir, { recursive: true, force: true })
          resolve()
        })
      )
  }
}

export interface ParsedMail {
  headers: Record<string, string>
  /** Decoded bodies by content type (text/plain, text/html). */
  parts: Record<string, string>
}

/** Just enough MIME to read what nodemailer sends: headers, multipart/alternative, QP and base64. */
export function parseMail(raw: string): ParsedMail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/)
  const headers = parseHeaders(head)
  const body = rest.join('\r\n\r\n')
  const parts: Record<string, string> = {}
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1]
  if (boundary) {
    for (const section of body.split(`--${boundary}`).slice(1)) {
      if (section.startsWith('--')) break
      const [partHead, ...partBody] = section.replace(/^\r?\n/, '').split(/\r?\n\r?\n/)
      const h = parseHeaders(partHead)
      parts[(h['content-type'] ?? 'text/plain').split(';')[0].trim()] = decode(partBody.join('\r\n\r\n').replace(/\r?\n$/, ''), h['content-transfer-encoding'])
    }
  } else {
    parts[(headers['content-type'] ?? 'text/plain').split(';')[0].trim()] = decode(body, headers['content-transfer-encoding'])
  }
  return { headers, parts }
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':')
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim()
  }
  return headers
}

function decode(body: string, encoding = '7bit'): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    case 'quoted-printable': {
      const soft = body.replace(/=\r?\n/g, '')
      const bytes: number[] = []
      for (let i = 0; i < soft.length; i++) {
        if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
          bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16))
          i += 2
        } else bytes.push(...Buffer.from(soft[i], 'utf8'))
      }
      return Buffer.from(bytes).toString('utf8')
    }
    default:
      return body
  }
}
