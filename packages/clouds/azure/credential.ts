import type { ArmTokenCredential } from '../../providers/snapshot/types.js'
import { chooseArmCredential, credentialHint, GITHUB_OIDC_AUDIENCE, type ArmCredentialChoice } from './credential-choice.js'

/**
 * Builds the @azure/identity credential the environment calls for (see credential-choice.ts for
 * the order). The GitHub ID token is fetched through @actions/core getIDToken (which masks it)
 * every time Entra ID asks for an assertion, so a long wait never outlives a token.
 * @azure/identity is loaded lazily: only the azure-flexible engine needs it.
 */
export async function buildArmCredential(
  env: Record<string, string | undefined> = process.env
): Promise<{ credential: ArmTokenCredential; choice: ArmCredentialChoice }> {
  const choice = chooseArmCredential(env)
  const identity = await import('@azure/identity')
  let credential: ArmTokenCredential
  switch (choice.kind) {
    case 'github-oidc': {
      const { getIDToken } = await import('@actions/core')
      credential = new identity.ClientAssertionCredential(choice.tenantId, choice.clientId, () => getIDToken(GITHUB_OIDC_AUDIENCE))
      break
    }
    case 'client-secret':
      credential = new identity.ClientSecretCredential(choice.tenantId, choice.clientId, choice.clientSecret)
      break
    case 'managed-identity':
      credential = choice.clientId ? new identity.ManagedIdentityCredential({ clientId: choice.clientId }) : new identity.ManagedIdentityCredential()
      break
  }
  return { credential: withSignInHint(credential, choice), choice }
}

/** A failed sign-in says which credential was tried and how to fix it. */
function withSignInHint(credential: ArmTokenCredential, choice: ArmCredentialChoice): ArmTokenCredential {
  return {
    async getToken(scopes, options) {
      try {
        const token = await credential.getToken(scopes, options)
        if (!token) throw new Error('no token returned')
        return token
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
        throw new Error(`Azure sign-in failed (${choice.kind}): ${reason} — ${credentialHint(choice)}`, { cause: error })
      }
    }
  }
}
