/**
 * The registry capability: each provider signs in to one kind of registry and hands back the
 * user name and password (or token) that docker, buildah and the distribution API accept.
 */

export const REGISTRY_KINDS = ['ghcr', 'ecr', 'ecr-public', 'acr', 'basic', 'anonymous'] as const
export type RegistryKind = (typeof REGISTRY_KINDS)[number]

export interface RegistryCredential {
  username: string
  /** A password or short-lived token; masked the moment it is created. */
  password: string
}

/** One registry the action pushes to or pulls from, as the inputs describe it. */
export interface RegistrySpec {
  host: string
  kind: RegistryKind
  /** Plain HTTP (loopback or a private network). */
  insecure: boolean
  /** For ghcr (GITHUB_TOKEN) and basic (username/password from registry-auth). */
  username?: string
  password?: string
  /** AWS region of a private ECR registry (from its host name). */
  region?: string
}

export interface RegistryLoginContext {
  signal?: AbortSignal
  /** Masks a secret the moment a provider creates one (a token). */
  mask: (value: string) => void
  env: Record<string, string | undefined>
}

export interface RegistryProvider {
  kind: RegistryKind
  /** Signs in; returns undefined for a registry that needs no credential. */
  login(spec: RegistrySpec, context: RegistryLoginContext): Promise<RegistryCredential | undefined>
}
