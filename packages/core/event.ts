import { readFileSync } from 'node:fs'

/** The webhook payload of the run (GITHUB_EVENT_PATH); {} outside a workflow or when unreadable. */
export function readEventPayload(env: Readonly<Record<string, string | undefined>> = process.env): unknown {
  const path = env.GITHUB_EVENT_PATH
  if (!path) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown
  } catch {
    return {}
  }
}
