/**
 * Which Azure credential the environment calls for, in the suite's order of preference. Pure:
 * reads only the env object it is given; credential.ts builds the @azure/identity object.
 *
 * 1. GitHub OIDC (federated credential): the job may request an ID token
 *    (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN are set when the workflow grants `id-token: write`)
 *    and AZURE_CLIENT_ID + AZURE_TENANT_ID name the app registration / managed identity that
 *    trusts it. No secret is stored anywhere.
 * 2. Client secret: AZURE_CLIENT_ID + AZURE_TENANT_ID + AZURE_CLIENT_SECRET.
 * 3. Managed identity (self-hosted runner on an Azure VM, App Service, Arc…), user-assigned when
 *    AZURE_CLIENT_ID is set.
 */

export type ArmCredentialChoice =
  | { kind: 'github-oidc'; tenantId: string; clientId: string }
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'managed-identity'; clientId?: string }

export const GITHUB_OIDC_AUDIENCE = 'api://AzureADTokenExchange'

export function chooseArmCredential(env: Record<string, string | undefined>): ArmCredentialChoice {
  const clientId = env.AZURE_CLIENT_ID?.trim() || undefined
  const tenantId = env.AZURE_TENANT_ID?.trim() || undefined
  const clientSecret = env.AZURE_CLIENT_SECRET || undefined
  const canRequestIdToken = !!env.ACTIONS_ID_TOKEN_REQUEST_URL && !!env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  if (canRequestIdToken && clientId && tenantId) return { kind: 'github-oidc', tenantId, clientId }
  if (clientSecret && clientId && tenantId) return { kind: 'client-secret', tenantId, clientId, clientSecret }
  return clientId ? { kind: 'managed-identity', clientId } : { kind: 'managed-identity' }
}

/** How to fix a failed sign-in, per credential kind (never includes a secret). */
export function credentialHint(choice: ArmCredentialChoice): string {
  switch (choice.kind) {
    case 'github-oidc':
      return `signed in with a GitHub OIDC token for client ${choice.clientId} in tenant ${choice.tenantId}: check that the app registration has a federated credential for this repository/branch/environment with audience ${GITHUB_OIDC_AUDIENCE}`
    case 'client-secret':
      return `signed in with the client secret of ${choice.clientId} in tenant ${choice.tenantId}: check that the secret is current`
    case 'managed-identity':
      return 'no GitHub OIDC (grant the job `permissions: id-token: write` and set AZURE_CLIENT_ID and AZURE_TENANT_ID) and no client secret (AZURE_CLIENT_SECRET) is configured, and the managed identity of this host could not sign in'
  }
}
