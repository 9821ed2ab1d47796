import { InputError } from '../../../core/input-error.js'
import { parseDuration, parseEnum, parseSingleLine, parseUrl } from '../../../core/parsers.js'

/** The `railway` provider's configuration and its pure validation (InputError naming the input, before any call). */

export const RAILWAY_INPUT_NAMES = [
  'railway-token',
  'railway-token-type',
  'railway-service',
  'railway-environment',
  'railway-public-url',
  'railway-api-url',
  'railway-deploy-timeout',
  'railway-poll-interval'
] as const

export type RailwayInputName = (typeof RAILWAY_INPUT_NAMES)[number]
export type RailwayRawInputs = Partial<Record<RailwayInputName, string>>

export const RAILWAY_TOKEN_TYPES = ['project', 'account'] as const

export interface RailwayConfig {
  /** Secret: masked by the caller, never logged. */
  token: string
  /** `project`: a project token (Project-Access-Token header, one environment); `account`: an account or workspace token (Bearer). */
  tokenType: (typeof RAILWAY_TOKEN_TYPES)[number]
  serviceId: string
  environmentId: string
  publicUrl?: string
  apiUrl: string
  deployTimeoutMs: number
  pollIntervalMs: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function parseRailwayConfig(raw: RailwayRawInputs): RailwayConfig {
  const get = (name: RailwayInputName): string => raw[name] ?? ''
  const token = get('railway-token').trim()
  if (token === '') throw new InputError('railway-token', 'is empty', 'a Railway project token (from a secret)')
  if (!UUID.test(token)) throw new InputError('railway-token', 'is not in the form of a Railway token (the value is not shown)', 'the token alone, a UUID, without "Bearer"')
  const id = (name: 'railway-service' | 'railway-environment', what: string): string => {
    const value = parseSingleLine(name, get(name))
    if (value === '') throw new InputError(name, 'is empty', `the ${what} id (a UUID, from the service's Settings or the dashboard URL)`)
    if (!UUID.test(value)) throw new InputError(name, `is "${value}", which is not ${what === 'environment' ? 'an' : 'a'} ${what} id`, `the ${what}'s UUID, not its name`)
    return value.toLowerCase()
  }
  const publicUrl = get('railway-public-url').trim() === '' ? undefined : parseUrl('railway-public-url', get('railway-public-url')).toString()
  return {
    token,
    tokenType: parseEnum('railway-token-type', get('railway-token-type'), RAILWAY_TOKEN_TYPES, 'project'),
    serviceId: id('railway-service', 'service'),
    environmentId: id('railway-environment', 'environment'),
    ...(publicUrl ? { publicUrl } : {}),
    apiUrl: get('railway-api-url').trim() === '' ? 'https://backboard.railway.com/graphql/v2' : parseUrl('railway-api-url', get('railway-api-url')).toString(),
    deployTimeoutMs: parseDuration('railway-deploy-timeout', get('railway-deploy-timeout'), 20 * 60_000),
    pollIntervalMs: parseDuration('railway-poll-interval', get('railway-poll-interval'), 5_000)
  }
}
