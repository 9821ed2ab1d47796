import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { authFileKey } from './image-ref.js'
import type { RegistryCredential } from './types.js'

/**
 * The credentials file docker (DOCKER_CONFIG/config.json), buildah and skopeo
 * (REGISTRY_AUTH_FILE) read: `{"auths": {"host": {"auth": base64(user:password)}}}`.
 */
export function authFileContent(credentials: ReadonlyMap<string, RegistryCredential>): string {
  const auths: Record<string, { auth: string }> = {}
  for (const [host, credential] of credentials) {
    const auth = Buffer.from(`${credential.username}:${credential.password}`).toString('base64')
    auths[host] = { auth }
    if (authFileKey(host) !== host) auths[authFileKey(host)] = { auth }
  }
  return `${JSON.stringify({ auths }, null, 2)}\n`
}

/** Writes the file (owner-only) into a new directory under `parent`; returns the directory. */
export async function writeAuthFile(parent: string, credentials: ReadonlyMap<string, RegistryCredential>): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(parent, 'build-push-auth-'))
  const file = join(dir, 'config.json')
  await writeFile(file, authFileContent(credentials), { mode: 0o600 })
  return { dir, file }
}

export async function removeAuthDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}
