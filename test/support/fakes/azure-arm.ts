import type { ArmTokenCredential } from '../../../packages/clouds/azure/credential.js'
import { startArmCore, type ArmCore, type ArmCoreOptions } from './azure-arm/core.js'
import { appService, type AppServiceFake } from './azure-arm/app-service.js'
import { flexibleServers, type FakeBackup, type FakeServer } from './azure-arm/flexible-server.js'

export type { RecordedRequest } from './azure-arm/core.js'
export type { FakeBackup, FakeServer } from './azure-arm/flexible-server.js'

/**
 * The fake Azure Resource Manager as the tests start it: the ARM core (azure-arm/core.ts: auth,
 * api-version, throttling, long-running operations, the managed-identity endpoint) with the
 * resources the suite's providers use (azure-arm/flexible-server.ts; add App Service and others
 * as handlers beside it and list them here).
 *
 * How to use it
 * - In-process (unit tests):
 *     const fake = await startFakeArm()
 *     const provider = await createSnapshotProvider({ kind: 'azure-flexible', endpoint: fake.endpoint,
 *       subscriptionId: fake.subscriptionId, resourceGroup: fake.resourceGroup,
 *       credential: staticTokenCredential(fake.token), sleep: async () => {} })
 * - Runner level (the db-backup action run as a process by runAction): pass env
 *     DEPLOY_ACTIONS_ARM_ENDPOINT: fake.endpoint         (or the action's own endpoint input → config.endpoint)
 *     IDENTITY_ENDPOINT: fake.identityEndpoint, IDENTITY_HEADER: fake.identityHeader
 *   and no AZURE_CLIENT_SECRET / ACTIONS_ID_TOKEN_REQUEST_* so the credential builder takes its
 *   managed-identity leg; give the subscription/resource group the fake was started with
 *   (fake.subscriptionId, fake.resourceGroup) and the source fake.serverName. With the default
 *   `retryAfterSeconds: 0` the fake answers `Retry-After: 0`, which the provider honours, so a
 *   runner-level backup or restore completes in well under a second of real time.
 */

export interface FakeArmOptions extends ArmCoreOptions {
  subscriptionId?: string
  resourceGroup?: string
  serverName?: string
  location?: string
  /** Backups per list page (nextLink beyond). Default 50. */
  pageSize?: number
  /** The App Service web app (azure-arm/app-service.ts): name, slots, and the image every slot starts with. */
  webApp?: { appName?: string; slots?: string[]; image?: string }
}

export interface FakeArm extends ArmCore {
  subscriptionId: string
  resourceGroup: string
  serverName: string
  location: string
  addBackup: (backup: { name: string; backupType?: string; completedTime?: string; server?: string }) => FakeBackup
  backups: (server?: string) => FakeBackup[]
  server: (name: string) => FakeServer | undefined
  /** The web app `shop-web` with slot `staging` (or as `webApp` says). */
  appService: AppServiceFake
  appName: string
}

/** A credential that always returns the given token: inject it through SnapshotProviderConfig.credential. */
export function staticTokenCredential(token: string): ArmTokenCredential {
  return { getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) }
}

export async function startFakeArm(options: FakeArmOptions = {}): Promise<FakeArm> {
  const where = {
    subscriptionId: options.subscriptionId ?? '00000000-0000-0000-0000-0000000000aa',
    resourceGroup: options.resourceGroup ?? 'rg-deploy',
    serverName: options.serverName ?? 'shop-pg',
    location: options.location ?? 'westeurope'
  }
  const postgres = flexibleServers({ ...where, pageSize: options.pageSize ?? 50 })
  const appName = options.webApp?.appName ?? 'shop-web'
  const web = appService({ ...where, appName, slots: options.webApp?.slots ?? ['staging'], image: options.webApp?.image ?? 'shopacr.azurecr.io/shop-api:1.0.0' })
  const core = await startArmCore([postgres.handler, web.handler], options)
  return { ...core, ...where, addBackup: postgres.addBackup, backups: postgres.backups, server: postgres.server, appService: web, appName }
}
