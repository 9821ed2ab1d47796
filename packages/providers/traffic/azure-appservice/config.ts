import { InputError } from '../../../core/input-error.js'
import { parseBoolean, parseDuration, parseSingleLine, parseUrl } from '../../../core/parsers.js'

/**
 * The `azure-appservice` provider's configuration (one web app with a deployment slot, on Linux
 * containers) and its pure validation: every problem is an InputError naming the input (or the
 * environment variable of the Azure sign-in), raised before any call.
 */

export const AZURE_APPSERVICE_INPUT_NAMES = [
  'azure-subscription',
  'azure-resource-group',
  'azure-app-name',
  'azure-slot',
  'azure-health-path',
  'azure-warmup-timeout',
  'azure-swap-timeout',
  'azure-slot-url',
  'azure-public-url',
  'azure-swap-preview'
] as const

export type AzureAppServiceInputName = (typeof AZURE_APPSERVICE_INPUT_NAMES)[number]
export type AzureAppServiceRawInputs = Partial<Record<AzureAppServiceInputName, string>>

export interface AzureAppServiceConfig {
  subscriptionId: string
  resourceGroup: string
  appName: string
  /** The deployment slot the new version starts on (never `production`). */
  slot: string
  healthPath: string
  warmupTimeoutMs: number
  swapTimeoutMs: number
  /** Swap with preview: production's settings are applied to the slot first, the slot is warmed up again, then the swap completes. */
  swapPreview: boolean
  /** The slot's own address when not https://<slot default host name> (a custom domain, a private endpoint). */
  slotUrl?: string
  /** The production address when not https://<app default host name>. */
  publicUrl?: string
  /** ARM endpoint: DEPLOY_ACTIONS_ARM_ENDPOINT (a sovereign cloud), else management.azure.com. */
  endpoint?: string
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// Resource group: 1-90 of letters, digits, _ - . ( ), not ending with a period.
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/
// App Service name: 2-60 of letters, digits and hyphens, no leading or trailing hyphen.
const APP_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])$/
const SLOT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])?$/

export function parseAzureAppServiceConfig(raw: AzureAppServiceRawInputs, env: Record<string, string | undefined> = {}): AzureAppServiceConfig {
  const get = (name: AzureAppServiceInputName): string => parseSingleLine(name, raw[name] ?? '')
  const subscriptionId = get('azure-subscription') || (env.AZURE_SUBSCRIPTION_ID ?? '').trim()
  if (subscriptionId === '') throw new InputError('azure-subscription', 'is empty (and AZURE_SUBSCRIPTION_ID is not set)', 'the subscription ID of the web app, a GUID')
  if (!GUID.test(subscriptionId)) throw new InputError('azure-subscription', `is "${subscriptionId}", which is not a subscription ID`, 'a GUID such as 00000000-0000-0000-0000-000000000000')
  const resourceGroup = get('azure-resource-group')
  if (resourceGroup === '') throw new InputError('azure-resource-group', 'is empty', 'the resource group of the web app')
  if (!RESOURCE_GROUP.test(resourceGroup))
    throw new InputError('azure-resource-group', `is "${resourceGroup}", which is not a resource group name`, 'up to 90 letters, digits, _ - . ( ), not ending with a period')
  const appName = get('azure-app-name')
  if (appName === '') throw new InputError('azure-app-name', 'is empty', 'the name of the web app (its production slot)')
  if (!APP_NAME.test(appName)) throw new InputError('azure-app-name', `is "${appName}", which is not a web app name`, '2 to 60 letters, digits and hyphens')
  const slot = get('azure-slot') || 'staging'
  if (!SLOT_NAME.test(slot)) throw new InputError('azure-slot', `is "${slot}", which is not a slot name`, 'letters, digits and hyphens, such as staging')
  if (slot.toLowerCase() === 'production') throw new InputError('azure-slot', 'is production, the slot being swapped into', 'the deployment slot the new version starts on, such as staging')
  const healthPath = get('azure-health-path') || '/health'
  if (!/^\/[A-Za-z0-9_./?=&%~-]*$/.test(healthPath)) throw new InputError('azure-health-path', `is "${healthPath}", which is not a URL path`, 'a path starting with / such as /health')
  const slotUrl = optionalUrl('azure-slot-url', get('azure-slot-url'))
  const publicUrl = optionalUrl('azure-public-url', get('azure-public-url'))
  checkCredentialEnv(env)
  const endpoint = (env.DEPLOY_ACTIONS_ARM_ENDPOINT ?? '').trim()
  return {
    subscriptionId,
    resourceGroup,
    appName,
    slot,
    healthPath,
    warmupTimeoutMs: parseDuration('azure-warmup-timeout', get('azure-warmup-timeout'), 5 * 60_000),
    swapTimeoutMs: parseDuration('azure-swap-timeout', get('azure-swap-timeout'), 15 * 60_000),
    swapPreview: parseBoolean('azure-swap-preview', get('azure-swap-preview')),
    ...(slotUrl ? { slotUrl } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    ...(endpoint ? { endpoint } : {})
  }
}

function optionalUrl(name: AzureAppServiceInputName, value: string): string | undefined {
  if (value === '') return undefined
  return parseUrl(name, value).toString().replace(/\/+$/, '')
}

/**
 * The sign-in comes from the environment (packages/clouds/azure/credential-choice.ts): a client or
 * tenant ID that is not a GUID, or a secret without its client and tenant, is a wrong form of
 * credential that would only fail later inside Entra ID.
 */
function checkCredentialEnv(env: Record<string, string | undefined>): void {
  for (const name of ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID'] as const) {
    const value = (env[name] ?? '').trim()
    if (value !== '' && !GUID.test(value))
      throw new InputError(name, 'is not a GUID (the value is not shown)', `the ${name === 'AZURE_CLIENT_ID' ? 'application (client)' : 'directory (tenant)'} ID, a GUID`)
  }
  if ((env.AZURE_CLIENT_SECRET ?? '') !== '' && (!(env.AZURE_CLIENT_ID ?? '').trim() || !(env.AZURE_TENANT_ID ?? '').trim())) {
    throw new InputError(
      'AZURE_CLIENT_SECRET',
      'is set without AZURE_CLIENT_ID and AZURE_TENANT_ID',
      'all three for a client secret, or GitHub OIDC (id-token: write with AZURE_CLIENT_ID and AZURE_TENANT_ID) without a secret'
    )
  }
}
