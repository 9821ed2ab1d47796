/**
 * The one place build-push takes AWS configuration from: the SDK's default credential chain
 * (environment, web identity from OIDC, profile, container and instance metadata) and a region.
 * At merge this is repointed at the shared chain in packages/clouds/aws.
 */
export function awsClientConfig(region: string): { region: string; maxAttempts: number } {
  return { region, maxAttempts: 4 }
}
