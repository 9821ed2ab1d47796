import type { ArmContext, ArmRequest, ArmResourceHandler } from './core.js'

/**
 * Azure App Service (Microsoft.Web, REST reference api-version 2024-04-01) in the fake ARM: one
 * web app with deployment slots, the shapes the azure-appservice traffic provider uses.
 *
 *   GET   …/sites/{app}                          → Site { name, location, tags, properties.defaultHostName, state }
 *   PATCH …/sites/{app}                          → Site (tags replaced when given)
 *   GET   …/sites/{app}/slots/{slot}             → Site of the slot (defaultHostName {app}-{slot}.azurewebsites.net)
 *   GET   …/sites/{app}[/slots/{slot}]/config/web   → SiteConfigResource { properties: { linuxFxVersion, experiments.rampUpRules } }
 *   PATCH …/sites/{app}[/slots/{slot}]/config/web   → SiteConfigResource (properties merged; experiments replaced)
 *   POST  …/sites/{app}/slots/{slot}/applySlotConfig | resetSlotConfig   → 200 (swap with preview)
 *   POST  …/sites/{app}/slots/{slot}/slotsswap   { targetSlot } → 202 + Azure-AsyncOperation + Location + Retry-After;
 *         when the operation ends the slots' contents (linuxFxVersion) are exchanged; the ramp-up
 *         rules stay with production (routing rules are slot-specific settings).
 *
 * `failRequests` injects ARM errors (a failure in the middle of a shift); the core's `throttle`
 * answers 429 + Retry-After and `failNextOperation` fails the next swap.
 */

export interface FakeSiteConfig {
  linuxFxVersion?: string
  experiments?: { rampUpRules?: Array<Record<string, unknown>> }
  [name: string]: unknown
}

export interface FakeSlot {
  name: string
  hostName: string
  config: FakeSiteConfig
}

export interface FailureRule {
  method: string
  pathIncludes: string
  /** Requests that match and pass before the failures start. */
  skip?: number
  times: number
  status: number
  code: string
  message: string
}

export interface AppServiceOptions {
  subscriptionId: string
  resourceGroup: string
  appName: string
  location: string
  slots: string[]
  /** linuxFxVersion of production and of every slot at the start. */
  image: string
}

export interface AppServiceFake {
  handler: ArmResourceHandler
  tags: () => Record<string, string>
  /** 'production' or a slot name. */
  slot: (name: string) => FakeSlot
  failRequests: (rule: FailureRule) => void
  /** Swaps started (POST slotsswap accepted). */
  swaps: () => number
  /** Swap-with-preview calls: "applySlotConfig staging", "resetSlotConfig staging". */
  previews: () => string[]
}

const ROUTE =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Web\/sites\/([^/]+)(?:\/slots\/([^/]+))?(\/config\/web|\/slotsswap|\/applySlotConfig|\/resetSlotConfig)?$/i

export function appService(options: AppServiceOptions): AppServiceFake {
  const { subscriptionId, resourceGroup, appName, location } = options
  let tags: Record<string, string> = {}
  let swaps = 0
  const previews: string[] = []
  const failures: FailureRule[] = []
  const slots = new Map<string, FakeSlot>()
  const add = (name: string, hostName: string): void => {
    slots.set(name.toLowerCase(), { name, hostName, config: { linuxFxVersion: `DOCKER|${options.image}`, alwaysOn: true } })
  }
  add('production', `${appName}.azurewebsites.net`)
  for (const slot of options.slots) add(slot, `${appName}-${slot}.azurewebsites.net`)
  const siteId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Web/sites/${appName}`

  function site(slot: FakeSlot): Record<string, unknown> {
    const production = slot.name === 'production'
    return {
      id: production ? siteId : `${siteId}/slots/${slot.name}`,
      name: production ? appName : `${appName}/${slot.name}`,
      type: production ? 'Microsoft.Web/sites' : 'Microsoft.Web/sites/slots',
      kind: 'app,linux,container',
      location,
      tags,
      properties: { state: 'Running', defaultHostName: slot.hostName, enabledHostNames: [slot.hostName], reserved: true }
    }
  }

  function configResource(slot: FakeSlot): Record<string, unknown> {
    return { id: `${site(slot).id as string}/config/web`, name: 'web', type: 'Microsoft.Web/sites/config', location, properties: slot.config }
  }

  function injected(req: ArmRequest, { armError }: ArmContext): boolean {
    const rule = failures.find((f) => f.times > 0 && f.method === req.method && req.path.includes(f.pathIncludes))
    if (!rule) return false
    if ((rule.skip ?? 0) > 0) {
      rule.skip = (rule.skip ?? 0) - 1
      return false
    }
    rule.times -= 1
    armError(req.res, rule.status, rule.code, rule.message)
    return true
  }

  function parseBody<T>(req: ArmRequest, context: ArmContext): T | undefined {
    try {
      return JSON.parse(req.body || '{}') as T
    } catch {
      context.armError(req.res, 400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.')
      return undefined
    }
  }

  function validRules(rules: unknown): string | undefined {
    if (!Array.isArray(rules)) return 'experiments.rampUpRules must be an array'
    const hosts = [...slots.values()].filter((s) => s.name !== 'production').map((s) => s.hostName.toLowerCase())
    for (const rule of rules as Array<Record<string, unknown>>) {
      const percent = rule.reroutePercentage
      if (typeof percent !== 'number' || percent < 0 || percent > 100) return `reroutePercentage ${String(percent)} is not between 0 and 100`
      if (typeof rule.actionHostName !== 'string' || !hosts.includes(rule.actionHostName.toLowerCase())) return `actionHostName ${String(rule.actionHostName)} is not a slot of ${appName}`
    }
    return undefined
  }

  const handler: ArmResourceHandler = (req, context) => {
    const m = ROUTE.exec(req.path)
    if (!m) return false
    const { send, armError, startOperation, operationHeaders } = context
    const [, sub, rg, name, slotName, tail] = m
    if (sub !== subscriptionId || rg.toLowerCase() !== resourceGroup.toLowerCase() || name.toLowerCase() !== appName.toLowerCase()) {
      armError(req.res, 404, 'ResourceNotFound', `The Resource 'Microsoft.Web/sites/${name}' under resource group '${rg}' was not found.`)
      return true
    }
    const slot = slots.get((slotName ?? 'production').toLowerCase())
    if (!slot) {
      armError(req.res, 404, 'ResourceNotFound', `The Resource 'Microsoft.Web/sites/${name}/slots/${slotName ?? ''}' under resource group '${rg}' was not found.`)
      return true
    }
    if (injected(req, context)) return true

    if (!tail) {
      if (req.method === 'GET') send(req.res, 200, site(slot))
      else if (req.method === 'PATCH' && !slotName) {
        const body = parseBody<{ tags?: Record<string, string> }>(req, context)
        if (!body) return true
        if (body.tags) {
          const long = Object.entries(body.tags).find(([, value]) => String(value).length > 256)
          if (long) {
            armError(req.res, 400, 'InvalidTagNameOrValue', `The tag '${long[0]}' has a value longer than 256 characters.`)
            return true
          }
          tags = { ...body.tags }
        }
        send(req.res, 200, site(slot))
      } else armError(req.res, 405, 'MethodNotAllowed', `${req.method} is not supported on this resource by the fake.`)
      return true
    }

    if (tail.toLowerCase() === '/config/web') {
      if (req.method === 'GET') send(req.res, 200, configResource(slot))
      else if (req.method === 'PATCH' || req.method === 'PUT') {
        const body = parseBody<{ properties?: FakeSiteConfig }>(req, context)
        if (!body) return true
        const properties = body.properties ?? {}
        if (properties.experiments) {
          if (slotName) {
            armError(req.res, 400, 'BadRequest', 'Routing rules can only be set on the production slot.')
            return true
          }
          const problem = validRules(properties.experiments.rampUpRules ?? [])
          if (problem) {
            armError(req.res, 400, 'BadRequest', problem)
            return true
          }
        }
        slot.config = req.method === 'PUT' ? { ...properties } : { ...slot.config, ...properties }
        send(req.res, 200, configResource(slot))
      } else armError(req.res, 405, 'MethodNotAllowed', `${req.method} is not supported on config/web by the fake.`)
      return true
    }

    if (tail.toLowerCase() === '/applyslotconfig' || tail.toLowerCase() === '/resetslotconfig') {
      if (req.method !== 'POST' || !slotName) armError(req.res, 405, 'MethodNotAllowed', `${tail} is a POST on a deployment slot.`)
      else {
        previews.push(`${tail.slice(1)} ${slot.name}`)
        send(req.res, 200)
      }
      return true
    }

    // POST …/slots/{slot}/slotsswap
    if (req.method !== 'POST' || !slotName) {
      armError(req.res, 405, 'MethodNotAllowed', 'slotsswap is a POST on a deployment slot.')
      return true
    }
    const body = parseBody<{ targetSlot?: string; preserveVnet?: boolean }>(req, context)
    if (!body) return true
    const target = slots.get((body.targetSlot ?? '').toLowerCase())
    if (!target || target === slot) {
      armError(req.res, 400, 'BadRequest', `targetSlot '${body.targetSlot ?? ''}' is not another slot of ${appName}.`)
      return true
    }
    swaps += 1
    const op = startOperation('Microsoft.Web', location, () => {
      const a = slot.config.linuxFxVersion
      slot.config.linuxFxVersion = target.config.linuxFxVersion
      target.config.linuxFxVersion = a
    })
    send(req.res, 202, undefined, operationHeaders(sub, op))
    return true
  }

  return {
    handler,
    tags: () => ({ ...tags }),
    slot: (slotName) => {
      const found = slots.get(slotName.toLowerCase())
      if (!found) throw new Error(`fake App Service: no slot ${slotName}`)
      return found
    },
    failRequests: (rule) => {
      failures.push({ ...rule })
    },
    swaps: () => swaps,
    previews: () => [...previews]
  }
}
