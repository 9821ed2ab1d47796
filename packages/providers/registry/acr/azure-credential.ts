import type { ArmTokenCredential } from '../../snapshot.js'

/**
 * The one place build-push takes an Azure credential from: the shared chain in
 * packages/providers/azure/credential.ts (GitHub OIDC federated credential first, then a client
 * secret, then managed identity). At merge this is repointed at packages/clouds/azure.
 */
export async function azureCredential(env: Record<string, string | undefined>): Promise<ArmTokenCredential> {
  const { buildArmCredential } = await import('../../azure/credential.js')
  return (await buildArmCredential(env)).credential
}
