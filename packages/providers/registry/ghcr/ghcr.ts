import type { RegistryProvider } from '../types.js'

/**
 * GitHub Container Registry: the job's GITHUB_TOKEN (permission packages: write) as the password;
 * the user name is the actor (GHCR checks only the token).
 */
export const ghcrProvider: RegistryProvider = {
  kind: 'ghcr',
  login(spec, context) {
    if (!spec.password) return Promise.reject(new Error('ghcr.io: no token (github-token is empty)'))
    return Promise.resolve({ username: spec.username || context.env.GITHUB_ACTOR || 'github-actions', password: spec.password })
  }
}
