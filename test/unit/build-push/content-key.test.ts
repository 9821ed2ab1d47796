import { afterEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { contentKey, findIgnoreFile, type KeyInputs } from '../../../actions/build-push/src/content-key.js'

/** The content key over a real directory: what changes it and what must not. */

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-key-'))
  dirs.push(dir)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

const base: KeyInputs = { context: '.', buildArgs: {}, platforms: [], engine: 'buildah' }
const files = { Dockerfile: 'FROM scratch\nCOPY . /app\n', 'src/a.js': 'a', 'logs/x.log': 'x', '.dockerignore': 'logs\n' }

describe('contentKey', () => {
  test.each<[string, (dir: string) => void, Partial<KeyInputs>, boolean]>([
    ['nothing changed', () => undefined, {}, false],
    ['a file under .dockerignore changed', (dir) => writeFileSync(join(dir, 'logs', 'x.log'), 'y'), {}, false],
    ['platforms in another order', () => undefined, { platforms: ['linux/arm64', 'linux/amd64'] }, false],
    ['a source file changed', (dir) => writeFileSync(join(dir, 'src', 'a.js'), 'b'), {}, true],
    ['a file added', (dir) => writeFileSync(join(dir, 'src', 'b.js'), 'b'), {}, true],
    ['the Dockerfile changed', (dir) => writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY src /app\n'), {}, true],
    ['a build-arg changed', () => undefined, { buildArgs: { VERSION: '2' } }, true],
    ['the target changed', () => undefined, { target: 'test' }, true],
    ['the .dockerignore changed (it is in the context)', (dir) => writeFileSync(join(dir, '.dockerignore'), 'logs\n*.md\n'), {}, true]
  ])('%s → key changed: %s', async (_, change, overrides, changed) => {
    const dir = workspace(files)
    const before = await contentKey({ ...base, platforms: ['linux/amd64', 'linux/arm64'] }, dir)
    change(dir)
    const after = await contentKey({ ...base, platforms: ['linux/amd64', 'linux/arm64'], ...overrides }, dir)
    expect(after.key !== before.key).toBe(changed)
  })

  test('the ignore file: <Dockerfile>.dockerignore first; .containerignore only for buildah', () => {
    const dir = workspace({ 'docker/api/Dockerfile': 'FROM scratch\n', 'docker/api/Dockerfile.dockerignore': 'x', '.containerignore': 'y', '.dockerignore': 'z' })
    expect(findIgnoreFile({ context: '.', file: 'docker/api/Dockerfile', engine: 'docker' }, dir)).toBe(join(dir, 'docker/api/Dockerfile.dockerignore'))
    rmSync(join(dir, 'docker/api/Dockerfile.dockerignore'))
    expect(findIgnoreFile({ context: '.', file: 'docker/api/Dockerfile', engine: 'buildah' }, dir)).toBe(join(dir, '.containerignore'))
    expect(findIgnoreFile({ context: '.', file: 'docker/api/Dockerfile', engine: 'docker' }, dir)).toBe(join(dir, '.dockerignore'))
  })

  test('files counted are those the context sends; a .git sent along is reported', async () => {
    const dir = workspace(files)
    expect(await contentKey(base, dir)).toMatchObject({ files: 3, gitIncluded: false })
    writeFileSync(join(dir, '.dockerignore'), 'logs\n')
    mkdirSync(join(dir, '.git'))
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n')
    expect(await contentKey(base, dir)).toMatchObject({ files: 4, gitIncluded: true })
    writeFileSync(join(dir, '.dockerignore'), 'logs\n.git\n')
    expect(await contentKey(base, dir)).toMatchObject({ files: 3, gitIncluded: false })
  })
})
