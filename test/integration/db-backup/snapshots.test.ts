import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { startFakeArm, type FakeArm } from '../../support/fakes/azure-arm.js'
import { startFakeRds, type FakeRds } from '../../support/fakes/rds.js'
import { expectFailure, expectSuccess } from './helpers.js'

// Clouds that cannot run here, faked at the HTTP level: the RDS Query API (test/support/fakes/rds.ts)
// and Azure Resource Manager with a managed-identity token endpoint (test/support/fakes/azure-arm.ts).
describe('db-backup: snapshot engines run as the runner runs them (RDS and Azure ARM faked over HTTP)', () => {
  let rds: FakeRds
  let arm: FakeArm
  const runs: RunResult[] = []
  const run = async (inputs: Record<string, string>, env: Record<string, string>): Promise<RunResult> => {
    const result = await runAction({ action: 'db-backup', inputs, env, timeoutMs: 90_000 })
    runs.push(result)
    return result
  }
  const rdsEnv = (): Record<string, string> => ({ AWS_ENDPOINT_URL_RDS: rds.endpoint, AWS_REGION: rds.region, AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret' })
  const armEnv = (): Record<string, string> => ({ IDENTITY_ENDPOINT: arm.identityEndpoint, IDENTITY_HEADER: arm.identityHeader, DEPLOY_ACTIONS_ARM_ENDPOINT: arm.endpoint })

  beforeAll(async () => {
    ;[rds, arm] = await Promise.all([startFakeRds({ pollsUntilDone: 1 }), startFakeArm({ pollsUntilDone: 1 })])
  })

  afterAll(async () => {
    await Promise.all(runs.map(cleanup))
    await Promise.all([rds?.stop(), arm?.stop()])
  })

  it('rds-snapshot: tagged snapshot with progress, retention only over our snapshots, then restore with endpoint', async () => {
    rds.addSnapshot({ id: 'da-production-old', source: 'shop-db', tags: { 'managed-by': 'deploy-actions', environment: 'production' }, createdAt: new Date('2026-10-01T00:00:00Z') })
    const backup = await run({ engine: 'rds-snapshot', 'db-instance': 'shop-db', 'deployment-id': 'rds-1', 'keep-last': '1', 'progress-interval': '1s' }, rdsEnv())
    expectSuccess(backup)
    const id = backup.outputs['snapshot-id']
    expect(id).toMatch(/^production-\d{8}t\d{6}z-rds-1$/)
    expect(backup.outputs['backup-id']).toBe(id)
    const made = rds.snapshots().find((s) => s.id === id)
    expect(made?.tags).toEqual(
      expect.arrayContaining([
        { Key: 'managed-by', Value: 'deploy-actions' },
        { Key: 'deployment-id', Value: 'rds-1' }
      ])
    )
    // keep-last 1: our old snapshot goes; the automated one and the untagged manual one are never touched.
    const left = rds.snapshots().map((s) => s.id)
    expect(left).not.toContain('da-production-old')
    expect(left).toEqual(expect.arrayContaining(['by-hand', 'rds:shop-db-2026-11-21-03-10', id]))
    expect(JSON.parse(backup.outputs['retention-deleted'])).toEqual(['da-production-old'])

    const restore = await run({ engine: 'rds-snapshot', mode: 'restore', 'db-instance': 'shop-db', 'backup-id': id, 'restore-target': 'shop-db-rollback' }, rdsEnv())
    expectSuccess(restore)
    expect(restore.outputs.endpoint).toContain('shop-db-rollback')
    expect(restore.summary).toContain('| restored to | shop-db-rollback |')
  })

  it('azure-flexible: on-demand backup through ARM (long-running operation, a throttled call)', async () => {
    arm.throttle({ times: 1, retryAfterSeconds: 0, method: 'PUT' })
    const inputs = { engine: 'azure-flexible', 'server-name': arm.serverName, 'resource-group': arm.resourceGroup, 'subscription-id': arm.subscriptionId, 'deployment-id': 'az-1' }
    const backup = await run(inputs, armEnv())
    expectSuccess(backup)
    expect(backup.outputs['snapshot-id']).toMatch(/\/backups\/da-production-\d{8}t\d{6}z-az-1$/)
    expect(
      arm
        .backups(arm.serverName)
        .map((b) => b.name)
        .join(',')
    ).toContain('az-1')
    expect(backup.summary).toContain('### db-backup: azure-flexible backup')
  })

  it('rds-snapshot: no region fails before any call, naming aws-region', async () => {
    const before = rds.requests.length
    const result = await run({ engine: 'rds-snapshot', 'db-instance': 'shop-db' }, { ...rdsEnv(), AWS_REGION: '' })
    expectFailure(result, 'Input "aws-region" is empty and AWS_REGION is not set')
    expect(rds.requests.length).toBe(before)
  })
})
