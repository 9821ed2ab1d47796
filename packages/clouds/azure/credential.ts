import { errorMessage } from '../../core/error-message.js'
import { chooseArmCredential, credentialHint, GITHUB_OIDC_AUDIENCE, type ArmCredentialChoice } from './credential-choice.js'

/**
 * The one Azure credential chain of the suite: GitHub OIDC federated credential → client secret →
 * managed identity (credential-choice.ts decides, purely, from the environment; this file only
 * wires @azure/identity, loaded lazily).
 *
 * Stable API (ARM providers, Blob Storage, build-push's ACR token exchange, Azure traffic
 * providers): buildArmCredential(env?) → { credential, choice }; ArmTokenCredential (any
 * @azure/identity TokenCredential fits, and so does a test's static token).
 */

/** The part of @azure/identity's TokenCredential this suite uses; any TokenCredential fits. */
export interface ArmTokenCredential {
  getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal }): Promise<{ token: string; expiresOnTimestamp: number } | null>
}

/**
 * Builds the @azure/identity credential the environment calls for (see credential-choice.ts for
 * the order). The GitHub ID token is fetched through @actions/core getIDToken (which masks it)
 * every time Entra ID asks for an assertion, so a long wait never outlives a token.
 * @azure/identity is loaded lazily: only Azure providers need it.
 */
export async function buildArmCredential(env: Record<string, string | undefined> = process.env): Promise<{ credential: ArmTokenCredential; choice: ArmCredentialChoice }> {
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
        const reason = errorMessage(error).split('\n')[0]
        throw new Error(`Azure sign-in failed (${choice.kind}): ${reason} — ${credentialHint(choice)}`, { cause: error })
      }
    }
  }
}
