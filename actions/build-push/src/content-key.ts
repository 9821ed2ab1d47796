import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, readdir, readlink, stat } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import { isIgnored, parseDockerignore } from './dockerignore.js'

/**
 * The content key of a build: SHA-256 over every file the build context sends (honouring
 * .dockerignore; path, mode and bytes), the Dockerfile, the build-args, the target and the
 * platforms. Same key, same inputs to the build: skip-existing reuses an image pushed with it.
 * Secrets are left out on purpose: they must not change what the image is, and a hash of them
 * would leak something about them.
 */
export interface KeyInputs {
  context: string
  file?: string
  buildArgs: Record<string, string>
  target?: string
  platforms: string[]
  engine: string
}

/**
 * The ignore file the engine applies: `<Dockerfile>.dockerignore` beside the Dockerfile first (as
 * BuildKit does), then `.containerignore` (buildah only) and `.dockerignore` in the context. The
 * action hands buildah the same file with --ignorefile, so the key and the build agree.
 */
export function ignoreFileCandidates(context: string, dockerfile: string, engine: string): string[] {
  return [`${dockerfile}.dockerignore`, ...(engine === 'buildah' ? [join(context, '.containerignore')] : []), join(context, '.dockerignore')]
}

export function findIgnoreFile(inputs: Pick<KeyInputs, 'context' | 'file' | 'engine'>, cwd: string): string | undefined {
  const context = resolve(cwd, inputs.context)
  const dockerfile = inputs.file ? resolve(cwd, inputs.file) : join(context, 'Dockerfile')
  return ignoreFileCandidates(context, dockerfile, inputs.engine).find((path) => existsSync(path))
}

export async function contentKey(inputs: KeyInputs, cwd: string): Promise<{ key: string; files: number; gitIncluded: boolean }> {
  const context = resolve(cwd, inputs.context)
  const dockerfile = inputs.file ? resolve(cwd, inputs.file) : join(context, 'Dockerfile')
  const ignoreFile = findIgnoreFile(inputs, cwd)
  const rules = parseDockerignore(ignoreFile ? await readFile(ignoreFile, 'utf8') : '')
  const hash = createHash('sha256')
  const entry = (text: string): void => {
    hash.update(text)
    hash.update('\0')
  }
  entry('build-push content key v1')
  entry(`engine=${inputs.engine}`)
  entry(`target=${inputs.target ?? ''}`)
  entry(`platforms=${[...inputs.platforms].sort().join(',')}`)
  for (const [name, value] of Object.entries(inputs.buildArgs).sort(([a], [b]) => a.localeCompare(b))) entry(`arg ${name}=${value}`)
  entry('dockerfile')
  hash.update(await readFile(dockerfile))
  let files = 0
  let gitIncluded = false
  for (const path of await contextFiles(context, rules)) {
    if (path.startsWith('.git/')) gitIncluded = true
    const full = join(context, path)
    const info = await stat(full, { bigint: false }).catch(() => undefined)
    const link = await readlink(full).catch(() => undefined)
    entry(`file ${path} ${info ? (info.mode & 0o777).toString(8) : ''}`)
    if (link !== undefined) entry(`-> ${link}`)
    else if (info?.isFile()) hash.update(await readFile(full))
    files += 1
  }
  return { key: hash.digest('hex'), files, gitIncluded }
}

async function contextFiles(context: string, rules: ReturnType<typeof parseDockerignore>): Promise<string[]> {
  const found: string[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const dirent of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, dirent.name)
      const path = relative(context, full).split(sep).join('/')
      // An ignored directory may still hold an exception (!dir/keep), so walk it unless no rule negates.
      const ignored = isIgnored(path, rules)
      if (dirent.isDirectory()) {
        if (!ignored || rules.some((r) => r.negate)) await walk(full)
      } else if (!ignored) found.push(path)
    }
  }
  await walk(context)
  return found
}

/** The tag that marks an image with its content key in the registry. */
export function contentKeyTag(key: string): string {
  return `content-${key.slice(0, 40)}`
}
