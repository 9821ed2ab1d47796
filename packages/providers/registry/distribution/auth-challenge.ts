/**
 * Parses a registry's `WWW-Authenticate` challenge (RFC 7235): `Basic realm="…"` or
 * `Bearer realm="https://…/token",service="…",scope="…"`. Pure.
 */
export interface AuthChallenge {
  scheme: 'basic' | 'bearer'
  params: Record<string, string>
}

export function parseAuthChallenge(header: string | undefined): AuthChallenge | undefined {
  if (!header) return undefined
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header)
  if (!match) return undefined
  const scheme = match[1].toLowerCase()
  if (scheme !== 'basic' && scheme !== 'bearer') return undefined
  const params: Record<string, string> = {}
  for (const [, key, quoted, bare] of match[2].matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[key.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare
  }
  return { scheme, params }
}

/** The token endpoint's URL for a Bearer challenge and a scope such as repository:o/app:pull,push. */
export function tokenUrl(challenge: AuthChallenge, scope: string): string | undefined {
  const realm = challenge.params.realm
  if (!realm) return undefined
  const url = new URL(realm)
  if (challenge.params.service) url.searchParams.set('service', challenge.params.service)
  url.searchParams.set('scope', scope)
  return url.toString()
}
