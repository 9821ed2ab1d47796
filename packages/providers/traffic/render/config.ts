import { InputError } from '../../../core/input-error.js'
import { parseDuration, parseSingleLine, parseUrl } from '../../../core/parsers.js'

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
  const apiKey = get('render-api-key').trim()
  if (apiKey === '') throw new InputError('render-api-key', 'is empty', 'a Render API key (rnd_…, from a secret)')
  if (!API_KEY.test(apiKey))
    throw new InputError('render-api-key', 'is not in the form of a Render API key (the value is not shown)', 'the key alone, rnd_ followed by letters and digits, without "Bearer"')
  const serviceId = parseSingleLine('render-service', get('render-service'))
  if (serviceId === '') throw new InputError('render-service', 'is empty', "the service id (srv-…), from the service's Settings page or URL")
  if (!SERVICE_ID.test(serviceId))
    throw new InputError('render-service', `is "${serviceId}", which is not a service id`, 'srv- followed by lowercase letters and digits (the id, not the service name)')
  const publicUrl = get('render-public-url').trim() === '' ? undefined : parseUrl('render-public-url', get('render-public-url')).toString()
  return {
    apiKey,
    serviceId,
    ...(publicUrl ? { publicUrl } : {}),
    apiUrl: get('render-api-url').trim() === '' ? 'https://api.render.com' : parseUrl('render-api-url', get('render-api-url')).toString().replace(/\/+$/, ''),
    deployTimeoutMs: parseDuration('render-deploy-timeout', get('render-deploy-timeout'), 20 * 60_000),
    pollIntervalMs: parseDuration('render-poll-interval', get('render-poll-interval'), 5_000)
  }
}

/** A Git commit SHA (what Render deploys when no image is given). */
export function isCommitSha(value: string): boolean {
  return /^[0-9a-f]{7,40}$/i.test(value)
}
