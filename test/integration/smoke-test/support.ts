import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunResult } from '../../support/runner.js'

/** Helpers shared by the smoke-test runner-contract tests. */

export async function checksFile(content: string, name = 'checks.yml'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'smoke-checks-'))
  const path = join(dir, name)
  await writeFile(path, content)
  return path
}

export interface AppStats {
  requests: number
  connections: number
  maxInFlight: number
}

/**
 * The sample app's counters (GET /_stats does not count itself as a request). Asked over a
 * connection of its own that is closed afterwards, so it adds exactly one to `connections`.
 */
export function appStats(baseUrl: string): Promise<AppStats> {
  return new Promise((resolve, reject) => {
    get(`${baseUrl}/_stats`, { agent: false }, (response) => {
      let body = ''
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve(JSON.parse(body) as AppStats))
    }).on('error', reject)
  })
}

export async function requestCount(baseUrl: string): Promise<number> {
  return (await appStats(baseUrl)).requests
}

/** Values the action registered with ::add-mask:: (the runner hides these lines and the values). */
export function maskedValues(result: RunResult): string[] {
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length))
}

/** stdout as the runner shows it: without the add-mask commands it consumes. */
export function visibleStdout(result: RunResult): string {
  return result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

export async function reports(result: RunResult): Promise<{ json: Record<string, any>; jsonText: string; junit: string }> {
  const jsonText = await readFile(result.outputs.report, 'utf8')
  return { json: JSON.parse(jsonText), jsonText, junit: await readFile(result.outputs.junit, 'utf8') }
}

export function noStackTrace(result: RunResult): boolean {
  return !/\n\s+at .+:\d+:\d+/.test(`${result.stdout}\n${result.stderr}`)
}
