import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { closeHttpAgent } from '../../../../../../packages/core/http.js'
import { createSnapshotProvider } from '../../../../../../packages/providers/snapshot/factory.js'
import { type SnapshotProgress, type SnapshotProvider } from '../../../../../../packages/providers/snapshot/types.js'
import { buildArmCredential } from '../../../../../../packages/clouds/azure/credential.js'
import { startFakeArm, staticTokenCredential, type FakeArm } from '../../../../../support/fakes/azure-arm.js'

// The ARM REST API is faked by a local HTTP server (test/support/fakes/azure-arm.ts) answering
// with the shapes of the Flexible Server REST reference; sleep and clock are fake, so
// Retry-After and deadlines are checked without waiting.
let fake: FakeArm
let clock = 0
let sleeps: number[] = []
let progress: SnapshotProgress[] = []

async function provider(arm: FakeArm = fake): Promise<SnapshotProvider> {
  return createSnapshotProvider({
    kind: 'azure-flexible',
    endpoint: arm.endpoint,
    subscriptionId: arm.subscriptionId,
    resourceGroup: arm.resourceGroup,
    credential: staticTokenCredential(arm.token),
    sleep: async (ms) => {
      sleeps.push(ms)
      clock += ms
    },
    now: () => clock,
    pollIntervalMs: 1_000,
    maxPollIntervalMs: 4_000
  })
}

const armPath = (arm: FakeArm, rest: string): string => `/subscriptions/${arm.subscriptionId}/resourceGroups/${arm.resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${rest}`

beforeAll(async () => {
  fake = await startFakeArm({ retryAfterSeconds: 3, pollsUntilDone: 3 })
})

afterAll(async () => {
  await fake.stop()
  await closeHttpAgent()
})

beforeEach(() => {
  clock = 0
  sleeps = []
  progress = []
  fake.requests.length = 0
})

describe('azure-flexible create (ARM faked by a local HTTP server)', () => {
  it('PUTs an on-demand backup named da-<id>, polls Azure-AsyncOperation honouring Retry-After to Succeeded', async () => {
    const info = await (
      await provider()
    ).create({
      source: fake.serverName,
      snapshotId: '20261122T0100Z-deploy:42',
      tags: { deployment: '42' },
      timeoutMs: 600_000,
      onProgress: (p) => progress.push(p)
    })

    expect(info).toEqual({
      id: `${armPath(fake, fake.serverName)}/backups/da-20261122T0100Z-deploy-42`,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      status: 'available',
      tags: { 'managed-by': 'deploy-actions' }
    })
    const calls = fake.requests.map((r) => `${r.method} ${r.path.replace(/^.*\/(azureAsyncOperation|backups)\//, '$1/')}`)
    expect(calls).toEqual([
      'PUT backups/da-20261122T0100Z-deploy-42',
      expect.stringMatching(/^GET azureAsyncOperation\//),
      expect.stringMatching(/^GET azureAsyncOperation\//),
      expect.stringMatching(/^GET azureAsyncOperation\//),
      'GET backups/da-20261122T0100Z-deploy-42'
    ])
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${fake.token}`)
      expect(request.query['api-version']).toBe('2024-08-01')
    }
    // Retry-After: 3 on the 202 and on each InProgress poll wins over the 1 s poll interval.
    expect(sleeps).toEqual([3_000, 3_000, 3_000])
    expect(progress).toEqual([
      { status: 'Accepted', elapsedMs: 0 },
      { status: 'InProgress', percent: 33, elapsedMs: 3_000 },
      { status: 'InProgress', percent: 67, elapsedMs: 6_000 }
    ])
  })

  it('retries a throttled call (429 + Retry-After) and then succeeds', async () => {
    fake.throttle({ times: 1, retryAfterSeconds: 7, method: 'PUT' })
    const info = await (await provider()).create({ source: fake.serverName, snapshotId: 'throttled-1', tags: {}, timeoutMs: 600_000, onProgress: () => {} })
    expect(info.id).toMatch(/\/backups\/da-throttled-1$/)
    expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(2)
    expect(sleeps[0]).toBe(7_000)
  })

  it('surfaces a failed long-running operation with its error code and message', async () => {
    fake.failNextOperation({ code: 'OnDemandBackupNotSupported', message: 'On-demand backups are not supported for Burstable servers.' })
    await expect((await provider()).create({ source: fake.serverName, snapshotId: 'doomed', tags: {}, timeoutMs: 600_000, onProgress: () => {} })).rejects.toThrow(
      'Azure backup da-doomed failed: OnDemandBackupNotSupported: On-demand backups are not supported for Burstable servers.'
    )
    expect(fake.backups().some((b) => b.name === 'da-doomed')).toBe(false)
  })

  it('gives up at the deadline with the last status and percent', async () => {
    const slow = await startFakeArm({ pollsUntilDone: 1_000, retryAfterSeconds: 10 })
    try {
      await expect((await provider(slow)).create({ source: slow.serverName, snapshotId: 'slow', tags: {}, timeoutMs: 35_000, onProgress: (p) => progress.push(p) })).rejects.toThrow(
        /Azure backup da-slow not ready within 35.0 s \(last status "InProgress", 0%\); the backup may still complete in Azure/
      )
      expect(sleeps).toEqual([10_000, 10_000, 10_000, 5_000])
    } finally {
      await slow.stop()
    }
  })

  it('stops polling when the caller aborts', async () => {
    const slow = await startFakeArm({ pollsUntilDone: 1_000, retryAfterSeconds: 1 })
    const controller = new AbortController()
    try {
      await expect(
        (await provider(slow)).create({
          source: slow.serverName,
          snapshotId: 'cancelled',
          tags: {},
          timeoutMs: 600_000,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.elapsedMs >= 2_000) controller.abort()
          }
        })
      ).rejects.toThrow('waiting for Azure backup da-cancelled was cancelled')
      expect(slow.requests.filter((r) => r.path.includes('/azureAsyncOperation/'))).toHaveLength(2)
    } finally {
      await slow.stop()
    }
  })

  it('names the ARM error when a call fails for good (no retry on 4xx)', async () => {
    await expect((await provider()).create({ source: 'no-such-server', snapshotId: 'x', tags: {}, timeoutMs: 60_000, onProgress: () => {} })).rejects.toThrow(
      /Azure create backup da-x failed: HTTP 404 ResourceNotFound: The Resource 'Microsoft.DBforPostgreSQL\/flexibleServers\/no-such-server'/
    )
    expect(fake.requests).toHaveLength(1)
  })

  it('rejects a wrong token with the ARM authentication error', async () => {
    const wrong = await createSnapshotProvider({
      kind: 'azure-flexible',
      endpoint: fake.endpoint,
      subscriptionId: fake.subscriptionId,
      resourceGroup: fake.resourceGroup,
      credential: staticTokenCredential('not-the-token')
    })
    await expect(wrong.listManaged(fake.serverName)).rejects.toThrow('HTTP 401 AuthenticationFailed')
  })

  it.each([
    ['Shop_PG', /not a valid Flexible Server name/],
    ['/subscriptions/x/resourceGroups/y/providers/Microsoft.Sql/servers/z', /neither a Flexible Server name nor a resource id/]
  ])('rejects the source %s before any call', async (source, message) => {
    await expect((await provider()).create({ source, snapshotId: 'x', tags: {}, timeoutMs: 1, onProgress: () => {} })).rejects.toThrow(message)
    expect(fake.requests).toHaveLength(0)
  })
})

describe('azure-flexible list, delete and restore (ARM faked by a local HTTP server)', () => {
  let paged: FakeArm
  beforeAll(async () => {
    paged = await startFakeArm({ pageSize: 2, pollsUntilDone: 1 })
    paged.addBackup({ name: 'da-old', completedTime: '2026-11-01T10:00:00+00:00' })
    paged.addBackup({ name: 'manual-by-hand', completedTime: '2026-11-02T10:00:00+00:00' })
    paged.addBackup({ name: 'da-new', completedTime: '2026-11-03T10:00:00+00:00' })
    paged.addBackup({ name: 'da-but-automatic', backupType: 'Full', completedTime: '2026-11-04T10:00:00+00:00' })
  })
  afterAll(async () => {
    await paged.stop()
  })
  afterEach(() => {
    paged.requests.length = 0
  })

  it('lists only Customer On-Demand backups named da-…, across nextLink pages, newest first', async () => {
    const list = await (await provider(paged)).listManaged(paged.serverName)
    expect(list.map((b) => [b.id.split('/').at(-1), b.createdAt])).toEqual([
      ['da-new', '2026-11-03T10:00:00.000Z'],
      ['da-old', '2026-11-01T10:00:00.000Z']
    ])
    // 2 seeded automatic + 4 added = 6 backups at 2 a page.
    expect(paged.requests.filter((r) => r.path.endsWith('/backups'))).toHaveLength(3)
  })

  it('accepts the full server resource id as source', async () => {
    const list = await (await provider(paged)).listManaged(armPath(paged, paged.serverName))
    expect(list).toHaveLength(2)
  })

  it('refuses to delete a backup whose name lacks the da- marker, or that is not on-demand, or of another server', async () => {
    const snapshots = await provider(paged)
    await expect(snapshots.delete('manual-by-hand', paged.serverName)).rejects.toThrow(
      'refusing to delete Azure backup manual-by-hand: only on-demand backups named da-… (created by this suite) are deleted'
    )
    await expect(snapshots.delete('da-but-automatic', paged.serverName)).rejects.toThrow('it is of type "Full", not "Customer On-Demand"')
    await expect(snapshots.delete(`${armPath(paged, 'billing-pg')}/backups/da-x`, paged.serverName)).rejects.toThrow('it belongs to server billing-pg, not shop-pg')
    expect(paged.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0)
  })

  it('deletes a managed backup and waits for the operation', async () => {
    const snapshots = await provider(paged)
    const [newest] = await snapshots.listManaged(paged.serverName)
    await snapshots.delete(newest.id, paged.serverName)
    expect(paged.backups().map((b) => b.name)).not.toContain('da-new')
    expect(paged.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1)
    expect(paged.requests.some((r) => r.path.includes('/azureAsyncOperation/'))).toBe(true)
  })

  it('restores a backup into a new server with PointInTimeRestore at its completedTime and returns the FQDN', async () => {
    const snapshots = await provider(paged)
    const backup = paged.addBackup({ name: 'da-restore-me', completedTime: '2026-11-05T08:30:00.123456+00:00' })
    const result = await snapshots.restore({ snapshotId: backup.id, target: 'shop-pg-rollback', timeoutMs: 3_600_000, onProgress: (p) => progress.push(p) })
    expect(result).toEqual({ target: 'shop-pg-rollback', endpoint: 'shop-pg-rollback.postgres.database.azure.com' })
    const put = paged.requests.find((r) => r.method === 'PUT')!
    expect(put.path).toBe(armPath(paged, 'shop-pg-rollback'))
    expect(JSON.parse(put.body)).toEqual({
      location: 'westeurope',
      properties: {
        createMode: 'PointInTimeRestore',
        sourceServerResourceId: armPath(paged, 'shop-pg'),
        pointInTimeUTC: '2026-11-05T08:30:00.123456+00:00'
      }
    })
    expect(put.headers['content-type']).toBe('application/json')
    expect(paged.server('shop-pg-rollback')?.properties.pointInTimeUTC).toBe('2026-11-05T08:30:00.123456+00:00')
  })

  it('restores from a bare backup name when the source is given, and refuses the source itself as target', async () => {
    const snapshots = await provider(paged)
    paged.addBackup({ name: 'da-by-name', completedTime: '2026-11-06T08:30:00+00:00' })
    const result = await snapshots.restore({ snapshotId: 'da-by-name', source: paged.serverName, target: 'shop-pg-2', timeoutMs: 60_000, onProgress: () => {} })
    expect(result.endpoint).toBe('shop-pg-2.postgres.database.azure.com')
    await expect(snapshots.restore({ snapshotId: 'da-by-name', source: paged.serverName, target: paged.serverName, timeoutMs: 60_000, onProgress: () => {} })).rejects.toThrow(
      "restore target shop-pg is the backup's own server"
    )
    await expect(snapshots.restore({ snapshotId: 'da-by-name', target: 'shop-pg-3', timeoutMs: 60_000, onProgress: () => {} })).rejects.toThrow(
      'is a bare name: give the backup resource id, or the server it belongs to'
    )
  })

  it('surfaces a failed restore operation', async () => {
    const snapshots = await provider(paged)
    const backup = paged.addBackup({ name: 'da-restore-fail', completedTime: '2026-11-05T08:30:00+00:00' })
    paged.failNextOperation({ code: 'InternalServerError', message: 'An unexpected error occured while processing the request.' })
    await expect(snapshots.restore({ snapshotId: backup.id, target: 'shop-pg-broken', timeoutMs: 60_000, onProgress: () => {} })).rejects.toThrow(
      'restore into Flexible Server shop-pg-broken failed: InternalServerError: An unexpected error occured while processing the request.'
    )
    expect(paged.server('shop-pg-broken')).toBeUndefined()
  })
})

describe('azure credential against the fake managed-identity endpoint (real @azure/identity)', () => {
  const saved = { ...process.env }
  afterEach(() => {
    for (const name of [
      'IDENTITY_ENDPOINT',
      'IDENTITY_HEADER',
      'AZURE_CLIENT_ID',
      'AZURE_TENANT_ID',
      'AZURE_CLIENT_SECRET',
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
    ]) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
  })

  it('takes the managed-identity leg and gets the token the fake issues; the provider then works end to end', async () => {
    for (const name of ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) delete process.env[name]
    process.env.IDENTITY_ENDPOINT = fake.identityEndpoint
    process.env.IDENTITY_HEADER = fake.identityHeader
    const { credential, choice } = await buildArmCredential(process.env)
    expect(choice).toEqual({ kind: 'managed-identity' })
    const token = await credential.getToken('https://management.azure.com/.default')
    expect(token?.token).toBe(fake.token)
    const msi = fake.requests.find((r) => r.path === '/msi/token')!
    expect(msi.query).toMatchObject({ 'api-version': '2019-08-01', resource: 'https://management.azure.com' })

    const snapshots = await createSnapshotProvider({
      kind: 'azure-flexible',
      endpoint: fake.endpoint,
      subscriptionId: fake.subscriptionId,
      resourceGroup: fake.resourceGroup,
      sleep: async () => {}
    })
    fake.requests.length = 0
    await snapshots.listManaged(fake.serverName)
    expect(fake.requests.map((r) => [r.method, r.path.split('/').at(-1), r.headers.authorization])).toEqual([
      ['GET', 'token', undefined], // the factory's own credential signs in at the fake /msi/token …
      ['GET', 'backups', `Bearer ${fake.token}`] // … and ARM gets the token it issued
    ])
  })
})
