import type { RegistryCredential } from '../types.js'

/**
 * Azure Container Registry sign-in, the pure half. An Entra access token is exchanged at the
 * registry's POST /oauth2/exchange (form grant_type=access_token) for an ACR refresh token, which
 * docker and buildah use as the password of the fixed user 00000000-0000-0000-0000-000000000000.
 */
export const ACR_TOKEN_USER = '00000000-0000-0000-0000-000000000000'
export const ARM_SCOPE = 'https://management.azure.com/.default'

export function exchangeForm(host: string, accessToken: string, tenantId?: string): string {
  const form = new URLSearchParams({ grant_type: 'access_token', service: host, access_token: accessToken })
  if (tenantId) form.set('tenant', tenantId)
  return form.toString()
}

export function refreshTokenCredential(body: string, host: string): RegistryCredential {
  let parsed: { refresh_token?: unknown }
  try {
    parsed = JSON.parse(body) as { refresh_token?: unknown }
  } catch {
    throw new Error(`${host}: /oauth2/exchange did not answer JSON`)
  }
  if (typeof parsed.refresh_token !== 'string' || parsed.refresh_token === '') throw new Error(`${host}: /oauth2/exchange gave no refresh_token`)
  return { username: ACR_TOKEN_USER, password: parsed.refresh_token }
}
