import { describe, expect, it } from '@jest/globals'
import { inputErrorOf } from '../../../../../support/input-error.js'
import { parseAzureAppServiceConfig, type AzureAppServiceRawInputs } from '../../../../../../packages/providers/traffic/azure-appservice/config.js'

const SUB = '3f2c1a9e-8b7d-4c6e-9a1f-0e2d3c4b5a69'
const base: AzureAppServiceRawInputs = { 'azure-subscription': SUB, 'azure-resource-group': 'rg-lunchtogether-prod', 'azure-app-name': 'lunchtogether-api' }

describe('parseAzureAppServiceConfig', () => {
  it('fills the defaults', () => {
    expect(parseAzureAppServiceConfig(base)).toEqual({
      subscriptionId: SUB,
      resourceGroup: 'rg-lunchtogether-prod',
      appName: 'lunchtogether-api',
      slot: 'staging',
      healthPath: '/health',
      warmupTimeoutMs: 300_000,
      swapTimeoutMs: 900_000,
      swapPreview: false
    })
  })

  it('reads every input, the subscription from AZURE_SUBSCRIPTION_ID, the endpoint from DEPLOY_ACTIONS_ARM_ENDPOINT', () => {
    const config = parseAzureAppServiceConfig(
      {
        ...base,
        'azure-subscription': '',
        'azure-slot': 'canary',
        'azure-health-path': '/api/health',
        'azure-warmup-timeout': '90s',
        'azure-swap-timeout': '20m',
        'azure-slot-url': 'https://canary.shop.example/',
        'azure-public-url': 'https://shop.example',
        'azure-swap-preview': 'true'
      },
      { AZURE_SUBSCRIPTION_ID: SUB, DEPLOY_ACTIONS_ARM_ENDPOINT: 'https://management.usgovcloudapi.net' }
    )
    expect(config).toMatchObject({
      subscriptionId: SUB,
      slot: 'canary',
      healthPath: '/api/health',
      warmupTimeoutMs: 90_000,
      swapTimeoutMs: 1_200_000,
      swapPreview: true,
      slotUrl: 'https://canary.shop.example',
      publicUrl: 'https://shop.example',
      endpoint: 'https://management.usgovcloudapi.net'
    })
  })

  it.each<[string, AzureAppServiceRawInputs, Record<string, string>, string]>([
    ['no subscription', { ...base, 'azure-subscription': '' }, {}, 'Input "azure-subscription" is empty (and AZURE_SUBSCRIPTION_ID is not set)'],
    ['a subscription name instead of its ID', { ...base, 'azure-subscription': 'Pay-As-You-Go' }, {}, 'Input "azure-subscription" is "Pay-As-You-Go", which is not a subscription ID'],
    ['no resource group', { ...base, 'azure-resource-group': '' }, {}, 'Input "azure-resource-group" is empty'],
    ['a resource group ending with a period', { ...base, 'azure-resource-group': 'rg.' }, {}, 'Input "azure-resource-group" is "rg.", which is not a resource group name'],
    ['no app name', { ...base, 'azure-app-name': '' }, {}, 'Input "azure-app-name" is empty'],
    ['an app name with an underscore', { ...base, 'azure-app-name': 'shop_api' }, {}, 'Input "azure-app-name" is "shop_api", which is not a web app name'],
    ['the production slot', { ...base, 'azure-slot': 'Production' }, {}, 'Input "azure-slot" is production'],
    ['a slot name with a slash', { ...base, 'azure-slot': 'a/b' }, {}, 'Input "azure-slot" is "a/b", which is not a slot name'],
    ['a health path without /', { ...base, 'azure-health-path': 'health' }, {}, 'Input "azure-health-path" is "health", which is not a URL path'],
    ['a warm-up timeout that is not a duration', { ...base, 'azure-warmup-timeout': 'soon' }, {}, 'Input "azure-warmup-timeout"'],
    ['a slot URL that is not a URL', { ...base, 'azure-slot-url': 'staging.example' }, {}, 'Input "azure-slot-url"'],
    ['a control character', { ...base, 'azure-app-name': 'shop\napi' }, {}, 'Input "azure-app-name"'],
    ['a client ID that is not a GUID', base, { AZURE_CLIENT_ID: 'my-app' }, 'Input "AZURE_CLIENT_ID" is not a GUID (the value is not shown)'],
    ['a tenant domain instead of its ID', base, { AZURE_TENANT_ID: 'contoso.onmicrosoft.com' }, 'Input "AZURE_TENANT_ID" is not a GUID'],
    ['a client secret without client and tenant', base, { AZURE_CLIENT_SECRET: 's3cret-value' }, 'Input "AZURE_CLIENT_SECRET" is set without AZURE_CLIENT_ID and AZURE_TENANT_ID']
  ])('%s → one line naming the input', (_name, raw, env, message) => {
    const error = inputErrorOf(() => parseAzureAppServiceConfig(raw, env))
    expect(error.message).toContain(message)
    expect(error.message).not.toContain('\n')
    expect(error.message).not.toContain('s3cret-value')
  })
})
