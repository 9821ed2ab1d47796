import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../support/paths.js'

/** Every .yml/.yaml file below `dir` (none when it does not exist). */
export function yamlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return yamlFilesUnder(path)
    return /\.ya?ml$/.test(name) ? [path] : []
  })
}

/** The reusable workflows' folder. */
export const workflowsDir = join(repoRoot, '.github', 'workflows')

/** Every workflow the repository ships: the reusable ones and the seed apps' callers. */
export const shippedWorkflowFiles = (): string[] => [...yamlFilesUnder(workflowsDir), ...yamlFilesUnder(join(repoRoot, 'workflows-examples'))]
