import type { RegistryProvider } from '../types.js'

/** Docker Hub and any registry that takes a user name and password (or access token). */
export const basicProvider: RegistryProvider = {
  kind: 'basic',
  login(spec) {
    if (spec.username === undefined || spec.password === undefined) return Promise.reject(new Error(`${spec.host}: no user name and password given in registry-auth`))
    return Promise.resolve({ username: spec.username, password: spec.password })
  }
}

/** A registry listed as `host=anonymous`: pushed to without signing in (a local registry). */
export const anonymousProvider: RegistryProvider = {
  kind: 'anonymous',
  login() {
    return Promise.resolve(undefined)
  }
}
