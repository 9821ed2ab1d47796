import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { authFileKey } from './image-ref.js'
import type { RegistryCredential } from './types.js'

/**
 * The credentials file docker (DOCKER_CONFIG/config.json), buildah and skopeo
 * (REGISTRY_AUTH_FILE) read: `{"auths": {"host": {"auth": base64(user:password)}}}`.
 */
export interface DockerConfig {
  auths?: Record<string, { auth?: string }>
  credsStore?: string
  credHelpers?: Record<string, string>
  [key: string]: unknown
}

/**
 * The runner's existing config with this run's credentials laid over it: logins made by earlier
 * steps keep working, and a credential helper can no longer answer for a host signed in here.
 * Pure.
 */
export function authFileContent(credentials: ReadonlyMap<string, RegistryCredential>, existing: DockerConfig = {}): string {
  const config: DockerConfig = { ...existing, auths: { ...(existing.auths ?? {}) } }
  const helpers = { ...(existing.credHelpers ?? {}) }
  for (const [host, credential] of credentials) {
    const auth = Buffer.from(`${credential.username}:${credential.password}`).toString('base64')
    for (const key of new Set([host, authFileKey(host)])) {
      config.auths![key] = { auth }
      delete helpers[key]
    }
  }
  if (existing.credHelpers) config.credHelpers = helpers
  // A credsStore answers for every host before `auths`; this run's hosts must come from the file.
  if (credentials.size > 0) delete config.credsStore
  return `${JSON.stringify(config, null, 2)}\n`
}

function readJson(path: string): DockerConfig {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as DockerConfig
  } catch {
    return {}
  }
}

/** Where docker and buildah look for credentials when nothing points them elsewhere. */
export function existingConfigs(env: Record<string, string | undefined>): { dockerDir: string; merged: DockerConfig } {
  const dockerDir = env.DOCKER_CONFIG || join(homedir(), '.docker')
  const containersFile = env.REGISTRY_AUTH_FILE || (env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json') : '')
  const docker = readJson(join(dockerDir, 'config.json'))
  const containers = containersFile ? readJson(containersFile) : {}
  return { dockerDir, merged: { ...docker, auths: { ...(docker.auths ?? {}), ...(containers.auths ?? {}) } } }
}

/**
 * Writes the file (owner-only) into a new directory under `parent`; returns the directory. The
 * rest of the runner's docker config directory (buildx builders, CLI plugins, contexts) is linked
 * in, so pointing DOCKER_CONFIG here keeps the builder docker/setup-buildx-action made.
 */
export async function writeAuthFile(
  parent: string,
  credentials: ReadonlyMap<string, RegistryCredential>,
  env: Record<string, string | undefined> = {}
): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(parent, 'build-push-auth-'))
  const file = join(dir, 'config.json')
  const { dockerDir, merged } = existingConfigs(env)
  await writeFile(file, authFileContent(credentials, merged), { mode: 0o600 })
  if (existsSync(dockerDir)) {
    for (const entry of readdirSync(dockerDir)) {
      if (entry !== 'config.json') await symlink(join(dockerDir, entry), join(dir, entry)).catch(() => undefined)
    }
  }
  return { dir, file }
}

export async function removeAuthDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}
