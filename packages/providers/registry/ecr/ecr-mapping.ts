import type { RegistryCredential } from '../types.js'

/**
 * ECR's GetAuthorizationToken answers a base64 `AWS:<password>` token (valid 12 hours). Pure.
 */
export function decodeEcrToken(token: string | undefined, host: string): RegistryCredential {
  if (!token) throw new Error(`${host}: GetAuthorizationToken returned no token`)
  const decoded = Buffer.from(token, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0) throw new Error(`${host}: the ECR token is not user:password`)
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}
