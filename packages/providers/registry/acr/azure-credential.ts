import type { ArmTokenCredential } from '../../../clouds/azure/credential.js'

/**
 * The one place build-push takes an Azure credential from: the shared chain in
 * packages/clouds/azure/credential.ts (GitHub OIDC federated credential first, then a client
 * secret, then managed identity).
 */
export async function azureCredential(env: Record<string, string | undefined>): Promise<ArmTokenCredential> {
  const { buildArmCredential } = await import('../../../clouds/azure/credential.js')
  return (await buildArmCredential(env)).credential
}
