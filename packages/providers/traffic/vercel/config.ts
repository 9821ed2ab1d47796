import { InputError } from '../../../core/input-error.js'
import { parseDuration, parseSingleLine } from '../../../core/parsers.js'
import { apiBaseUrl, optionalUrl, parseRequiredId, parseSecretToken } from '../platform-config.js'

/**
 * The `vercel` provider's configuration and its pure validation. Every problem is an InputError
 * naming the input, raised before any call to Vercel.
 */

export const VERCEL_INPUT_NAMES = [
  'vercel-token',
  'vercel-project',
  'vercel-team',
  'vercel-public-url',
  'vercel-api-url',
  'vercel-ready-timeout',
  'vercel-promote-timeout',
  'vercel-poll-interval'
] as const

export type VercelInputName = (typeof VERCEL_INPUT_NAMES)[number]
export type VercelRawInputs = Partial<Record<VercelInputName, string>>

export interface VercelConfig {
  /** Secret: masked by the caller, never logged. */
  token: string
  /** A project id (prj_…) or name. */
  project: string
  /** `teamId` (team_…) or `slug` query parameter, when the project belongs to a team. */
  team?: { teamId: string } | { slug: string }
  /** The production address users reach; when empty, the project's first production alias. */
  publicUrl?: string
  apiUrl: string
  readyTimeoutMs: number
  promoteTimeoutMs: number
  pollIntervalMs: number
}

// Vercel access tokens are one word of letters and digits (24 today); a "Bearer …" header or a JSON blob is the wrong form.
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/
const PROJECT = /^(?:prj_[A-Za-z0-9]+|[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?)$/
const TEAM_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/

export function parseVercelConfig(raw: VercelRawInputs): VercelConfig {
  const get = (name: VercelInputName): string => raw[name] ?? ''
  const token = parseSecretToken('vercel-token', get('vercel-token'), TOKEN, {
    kind: 'Vercel access token',
    empty: 'a Vercel access token (from a secret)',
    expected: 'the token alone, letters and digits, without "Bearer"'
  })
  const project = parseRequiredId('vercel-project', get('vercel-project'), PROJECT, {
    empty: 'the project id (prj_…) or name',
    notA: 'a project id or name',
    expected: 'prj_… or a lowercase name of letters, digits, ".", "_" and "-"'
  })
  const team = parseSingleLine('vercel-team', get('vercel-team'))
  if (team !== '' && !team.startsWith('team_') && !TEAM_SLUG.test(team)) throw new InputError('vercel-team', `is "${team}", which is not a team id or slug`, "team_… or the team's URL slug")
  const publicUrl = optionalUrl('vercel-public-url', get('vercel-public-url'), ['https:', 'http:'])
  const apiUrl = apiBaseUrl('vercel-api-url', get('vercel-api-url'), 'https://api.vercel.com')
  return {
    token,
    project,
    ...(team === '' ? {} : { team: team.startsWith('team_') ? { teamId: team } : { slug: team } }),
    ...(publicUrl ? { publicUrl } : {}),
    apiUrl,
    readyTimeoutMs: parseDuration('vercel-ready-timeout', get('vercel-ready-timeout'), 15 * 60_000),
    promoteTimeoutMs: parseDuration('vercel-promote-timeout', get('vercel-promote-timeout'), 5 * 60_000),
    pollIntervalMs: parseDuration('vercel-poll-interval', get('vercel-poll-interval'), 3_000)
  }
}

/** A release names an existing deployment: its id (dpl_…), its URL or its hostname. Returns the form the API takes (id or hostname). */
export function deploymentRef(raw: string): string | undefined {
  const value = raw.trim()
  if (/^dpl_[A-Za-z0-9]{8,64}$/.test(value)) return value
  const host = value.replace(/^https:\/\//, '').replace(/\/$/, '')
  return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/i.test(host) ? host.toLowerCase() : undefined
}
