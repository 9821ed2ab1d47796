import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The Node 24 binary GitHub's `using: node24` runs, installed from the npm registry as a dev dependency. */
export const node24 = resolve(repoRoot, 'node_modules', 'node', 'bin', 'node')
