import type { RegistryProvider } from '../types.js'

/**
 * GitHub Container Registry: the job's GITHUB_TOKEN (permission packages: write) as the password;
 * the user name is the actor (GHCR checks only the token).
 */
export const ghcrProvider: RegistryProvider = {
  kind: 'ghcr',
  async login(spec, context) {
    if (!spec.password) throw new Error('ghcr.io: no token (github-token is empty)')
    return { username: spec.username || context.env.GITHUB_ACTOR || 'github-actions', password: spec.password }
  }
}
