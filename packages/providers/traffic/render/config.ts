import { parseDuration } from '../../../core/parsers.js'
import { apiBaseUrl, optionalUrl, parseRequiredId, parseSecretToken } from '../platform-config.js'

/** The `render` provider's configuration and its pure validation (InputError naming the input, before any call). */

export const RENDER_INPUT_NAMES = ['render-api-key', 'render-service', 'render-public-url', 'render-api-url', 'render-deploy-timeout', 'render-poll-interval'] as const

export type RenderInputName = (typeof RENDER_INPUT_NAMES)[number]
export type RenderRawInputs = Partial<Record<RenderInputName, string>>

export interface RenderConfig {
  /** Secret: masked by the caller, never logged. */
  apiKey: string
  serviceId: string
  publicUrl?: string
  apiUrl: string
  deployTimeoutMs: number
  pollIntervalMs: number
}

const API_KEY = /^rnd_[A-Za-z0-9]{16,64}$/
const SERVICE_ID = /^srv-[a-z0-9]{8,40}$/

export function parseRenderConfig(raw: RenderRawInputs): RenderConfig {
  const get = (name: RenderInputName): string => raw[name] ?? ''
  const apiKey = parseSecretToken('render-api-key', get('render-api-key'), API_KEY, {
    kind: 'Render API key',
    empty: 'a Render API key (rnd_…, from a secret)',
    expected: 'the key alone, rnd_ followed by letters and digits, without "Bearer"'
  })
  const serviceId = parseRequiredId('render-service', get('render-service'), SERVICE_ID, {
    empty: "the service id (srv-…), from the service's Settings page or URL",
    notA: 'a service id',
    expected: 'srv- followed by lowercase letters and digits (the id, not the service name)'
  })
  const publicUrl = optionalUrl('render-public-url', get('render-public-url'))
  return {
    apiKey,
    serviceId,
    ...(publicUrl ? { publicUrl } : {}),
    apiUrl: apiBaseUrl('render-api-url', get('render-api-url'), 'https://api.render.com'),
    deployTimeoutMs: parseDuration('render-deploy-timeout', get('render-deploy-timeout'), 20 * 60_000),
    pollIntervalMs: parseDuration('render-poll-interval', get('render-poll-interval'), 5_000)
  }
}

/** A Git commit SHA (what Render deploys when no image is given). */
export function isCommitSha(value: string): boolean {
  return /^[0-9a-f]{7,40}$/i.test(value)
}
