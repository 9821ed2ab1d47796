import type { RegistryKind } from './types.js'

/**
 * Which provider signs in to a registry host. Pure: GHCR, Amazon ECR private and public, and
 * Azure Container Registry are known by their host names; every other registry (Docker Hub
 * included) takes a user name and password.
 */
export const ECR_PRIVATE_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/
export const ACR_HOST = /^[a-z0-9]{5,50}\.azurecr\.(?:io|cn|us)$/

export function registryKind(host: string): Exclude<RegistryKind, 'anonymous'> {
  const name = host.toLowerCase()
  if (name === 'ghcr.io') return 'ghcr'
  if (name === 'public.ecr.aws') return 'ecr-public'
  if (ECR_PRIVATE_HOST.test(name)) return 'ecr'
  if (ACR_HOST.test(name)) return 'acr'
  return 'basic'
}

export function ecrRegion(host: string): string | undefined {
  return ECR_PRIVATE_HOST.exec(host.toLowerCase())?.[2]
}

/** Hosts spoken to over plain HTTP without asking: the runner itself. */
export function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '')
  return name === 'localhost' || name === '127.0.0.1' || name === '[::1]'
}
