import { createHash } from 'node:crypto'

/**
 * Pinned host keys, in OpenSSH known_hosts form (`host[,host…] key-type base64-key`, hosts may
 * be `[host]:port`) or as a bare `SHA256:…` fingerprint as `ssh-keygen -l` prints it. Pure.
 */
export interface KnownHostEntry {
  /** Host patterns as written; empty for a bare fingerprint (which matches any host). */
  hosts: string[]
  /** SHA256 fingerprint of the key, `SHA256:` + unpadded base64. */
  fingerprint: string
}

export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`
}

/** Parses the lines; returns the entries and the 1-based numbers of lines that are neither an entry, a comment nor blank. */
export function parseKnownHosts(text: string): { entries: KnownHostEntry[]; badLines: number[] } {
  const entries: KnownHostEntry[] = []
  const badLines: number[] = []
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    if (/^SHA256:[A-Za-z0-9+/]{43}$/.test(line)) return entries.push({ hosts: [], fingerprint: line })
    const fields = line.split(/\s+/)
    // A marker (@cert-authority, @revoked) is not supported: such a line is refused, never half-read.
    if (fields.length < 3 || fields[0].startsWith('@') || fields[0].startsWith('|') || !/^(ssh-|ecdsa-|sk-)/.test(fields[1]) || !/^[A-Za-z0-9+/]+=*$/.test(fields[2])) {
      return badLines.push(index + 1)
    }
    entries.push({ hosts: fields[0].split(','), fingerprint: fingerprintOf(Buffer.from(fields[2], 'base64')) })
  })
  return { entries, badLines }
}

/** The name known_hosts uses for a host: bare on port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`
}

export function hostMatches(patterns: string[], host: string, port: number): boolean {
  if (patterns.length === 0) return true
  const name = knownHostName(host, port)
  let matched = false
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!')
    const glob = negated ? pattern.slice(1) : pattern
    const regex = new RegExp(
      `^${glob
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\[/g, '\\[')
        .replace(/\]/g, '\\]')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'i'
    )
    if (regex.test(name)) {
      if (negated) return false
      matched = true
    }
  }
  return matched
}

export type HostKeyVerdict = 'trusted' | 'mismatch' | 'unknown'

/** `mismatch` when the host is listed with other keys only (possibly an attack), `unknown` when it is not listed at all. */
export function verifyHostKey(entries: KnownHostEntry[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const fingerprint = fingerprintOf(key)
  const forHost = entries.filter((entry) => hostMatches(entry.hosts, host, port))
  if (forHost.some((entry) => entry.fingerprint === fingerprint)) return 'trusted'
  return forHost.length > 0 ? 'mismatch' : 'unknown'
}
