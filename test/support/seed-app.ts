import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { repoRoot } from './paths.js'

/**
 * What the seed examples' proofs stand up around a called workflow: the caller's checkout (a
 * backend with Alembic revisions, smoke checks), the public address of a release (a loopback
 * server) and the stand-in CLIs' leftovers.
 */

/** The stand-in alembic CLI's folder (applies SQL revisions with psql, keeps alembic_version as Alembic does). */
export const FAKE_ALEMBIC = join(repoRoot, 'test', 'fixtures', 'fake-alembic')

/** A Python backend as checkout leaves it: requirements, alembic.ini and the revisions (file name → SQL). */
export function writeAlembicBackend(workspace: string, revisions: Record<string, string>): void {
  const versions = join(workspace, 'backend', 'alembic', 'versions')
  mkdirSync(versions, { recursive: true })
  writeFileSync(join(workspace, 'backend', 'requirements.txt'), 'fastapi\nalembic\npsycopg[binary]\n')
  writeFileSync(join(workspace, 'backend', 'alembic.ini'), '[alembic]\nscript_location = alembic\n')
  for (const [file, sql] of Object.entries(revisions)) writeFileSync(join(versions, file), sql)
}

/** Smoke checks that a release is healthy and its page names `expected` (its image or commit). */
export const releaseChecks = (expected: string): string =>
  [
    'checks:',
    '  - name: health',
    '    url: /health',
    '    expect:',
    '      status: 200',
    '  - name: serves this release',
    '    url: /',
    '    expect:',
    '      status: 200',
    `      body-contains: '${expected}'`,
    ''
  ].join('\n')

/** Writes a checks file into the workspace's .github/smoke folder. */
export function writeSmokeChecks(workspace: string, file: string, checks: string): void {
  mkdirSync(join(workspace, '.github', 'smoke'), { recursive: true })
  writeFileSync(join(workspace, '.github', 'smoke', file), checks)
}

export interface LoopbackHost {
  url: string
  stop: () => Promise<void>
}

/** A loopback HTTP server, answered by `handle`; `url` is its address (with `path` after it). */
export async function startLoopbackHost(handle: (req: IncomingMessage, res: ServerResponse) => void, path = ''): Promise<LoopbackHost> {
  const server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    stop: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/** Stops every app the fake docker CLI started (it records each container's pid in `dockerDir`). */
export function stopFakeDockerApps(dockerDir: string): void {
  for (const file of existsSync(dockerDir) ? readdirSync(dockerDir).filter((f) => f.endsWith('.json')) : []) {
    const pid = (JSON.parse(readFileSync(join(dockerDir, file), 'utf8')) as { pid?: number }).pid
    try {
      if (pid) process.kill(pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
}

/** The images the fake docker CLI ran, in order, with the names of the environment each got. */
export const fakeDockerRuns = (dockerDir: string): { image: string; env: string[] }[] =>
  readFileSync(join(dockerDir, 'runs.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { image: string; env: string[] })
