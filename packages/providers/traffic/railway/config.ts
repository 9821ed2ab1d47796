import { parseDuration, parseEnum } from '../../../core/parsers.js'
import { optionalUrl, parseRequiredId, parseSecretToken, platformApiUrl } from '../platform-config.js'

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
  const token = parseSecretToken('railway-token', get('railway-token'), UUID, {
    kind: 'Railway token',
    empty: 'a Railway project token (from a secret)',
    expected: 'the token alone, a UUID, without "Bearer"'
  })
  const id = (name: 'railway-service' | 'railway-environment', what: string): string =>
    parseRequiredId(name, get(name), UUID, {
      empty: `the ${what} id (a UUID, from the service's Settings or the dashboard URL)`,
      notA: `${what === 'environment' ? 'an' : 'a'} ${what} id`,
      expected: `the ${what}'s UUID, not its name`
    }).toLowerCase()
  const publicUrl = optionalUrl('railway-public-url', get('railway-public-url'))
  return {
    token,
    tokenType: parseEnum('railway-token-type', get('railway-token-type'), RAILWAY_TOKEN_TYPES, 'project'),
    serviceId: id('railway-service', 'service'),
    environmentId: id('railway-environment', 'environment'),
    ...(publicUrl ? { publicUrl } : {}),
    // The GraphQL endpoint itself, kept as given (not a base address).
    apiUrl: get('railway-api-url').trim() === '' ? 'https://backboard.railway.com/graphql/v2' : platformApiUrl('railway-api-url', get('railway-api-url')),
    deployTimeoutMs: parseDuration('railway-deploy-timeout', get('railway-deploy-timeout'), 20 * 60_000),
    pollIntervalMs: parseDuration('railway-poll-interval', get('railway-poll-interval'), 5_000)
  }
}
