import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { repoRoot } from '../../support/paths.js'
import { startFakeArm, type FakeArm } from '../../support/fakes/azure-arm.js'
import { startFakeRds, type FakeRds } from '../../support/fakes/rds.js'

// The snapshot providers as an action ships them: bundled by ncc (the SDKs in lazily loaded
// chunks) and run as a separate Node process, configured only through the environment —
// AWS_ENDPOINT_URL_RDS (read natively by the SDK) for RDS, and for Azure
// DEPLOY_ACTIONS_ARM_ENDPOINT plus an App Service managed-identity endpoint, so the real
// @azure/identity chain signs in. Both clouds are faked by local HTTP servers speaking their
// API shapes (test/support/fakes/rds.ts, azure-arm.ts).
const require = createRequire(import.meta.url)
let bundle = ''
let work = ''
let arm: FakeArm
let rds: FakeRds

interface Line {
  step: string
  value: unknown
}

function runBundle(args: string[], env: Record<string, string>): Promise<{ code: number; lines: Line[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, ...args], { env: { PATH: process.env.PATH ?? '', HOME: work, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stderr,
        lines: stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Line)
      })
    )
  })
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'snapshot-bundle-'))
  const ncc = require('@vercel/ncc') as (input: string, options: object) => Promise<{ code: string; assets: Record<string, { source: string | Buffer }> }>
  const log = console.log
  console.log = () => {} // ncc announces its TypeScript version even when quiet
  const { code, assets } = await ncc(join(repoRoot, 'test/integration/snapshot-providers/driver.ts'), { cache: false, quiet: true, target: 'es2023', transpileOnly: true }).finally(() => {
    console.log = log
  })
  bundle = join(work, 'index.js')
  await writeFile(join(work, 'package.json'), '{"type":"module"}')
  await writeFile(bundle, code)
  for (const [file, asset] of Object.entries(assets)) {
    await mkdir(dirname(join(work, file)), { recursive: true })
    await writeFile(join(work, file), asset.source)
  }
  arm = await startFakeArm()
  rds = await startFakeRds()
}, 180_000)

afterAll(async () => {
  await arm?.stop()
  await rds?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

describe('bundled snapshot providers in their own process (clouds faked by local HTTP servers)', () => {
  it('rds-snapshot: create, list, restore, delete through AWS_ENDPOINT_URL_RDS (RDS Query API faked)', async () => {
    const { code, lines, stderr } = await runBundle(['rds-snapshot', 'shop-db', 'shop-db-restored'], {
      AWS_ENDPOINT_URL_RDS: rds.endpoint,
      AWS_REGION: rds.region,
      AWS_ACCESS_KEY_ID: 'AKIAFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake'
    })
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    const step = (name: string): unknown => lines.find((l) => l.step === name)?.value
    expect(step('created')).toMatchObject({ id: 'bundled-1', status: 'available', tags: { 'managed-by': 'deploy-actions', deployment: 'bundled' } })
    expect(step('progress')).toMatchObject({ status: 'creating', percent: 50 })
    expect(step('listed')).toEqual(['bundled-1'])
    expect(step('restored')).toEqual({ target: 'shop-db-restored', endpoint: 'shop-db-restored.c0ffee.us-east-1.rds.amazonaws.com:5432' })
    expect(step('deleted')).toBe('bundled-1')
    expect(rds.snapshots().map((s) => s.id)).not.toContain('bundled-1')
  }, 60_000)

  it('azure-flexible: create, list, restore, delete via DEPLOY_ACTIONS_ARM_ENDPOINT and managed identity (ARM faked)', async () => {
    const { code, lines, stderr } = await runBundle(['azure-flexible', arm.serverName, 'shop-pg-restored'], {
      DEPLOY_ACTIONS_ARM_ENDPOINT: arm.endpoint,
      IDENTITY_ENDPOINT: arm.identityEndpoint,
      IDENTITY_HEADER: arm.identityHeader,
      SNAPSHOT_SUBSCRIPTION_ID: arm.subscriptionId,
      SNAPSHOT_RESOURCE_GROUP: arm.resourceGroup
    })
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    const step = (name: string): unknown => lines.find((l) => l.step === name)?.value
    const backupId = `/subscriptions/${arm.subscriptionId}/resourceGroups/${arm.resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${arm.serverName}/backups/da-bundled-1`
    expect(step('created')).toMatchObject({ id: backupId, status: 'available' })
    expect(step('listed')).toEqual([backupId])
    expect(step('restored')).toEqual({ target: 'shop-pg-restored', endpoint: 'shop-pg-restored.postgres.database.azure.com' })
    expect(step('deleted')).toBe(backupId)
    expect(arm.requests[0]).toMatchObject({ method: 'GET', path: '/msi/token' })
    expect(arm.requests.filter((r) => r.path !== '/msi/token').every((r) => r.headers.authorization === `Bearer ${arm.token}`)).toBe(true)
    expect(arm.backups().map((b) => b.name)).not.toContain('da-bundled-1')
  }, 60_000)

  it('azure-flexible without any usable credential fails with the sign-in hint, before touching ARM', async () => {
    const before = arm.requests.length
    const { code, lines } = await runBundle(['azure-flexible', arm.serverName, 'shop-pg-x'], {
      DEPLOY_ACTIONS_ARM_ENDPOINT: arm.endpoint,
      IDENTITY_ENDPOINT: arm.identityEndpoint,
      IDENTITY_HEADER: 'not-the-header',
      SNAPSHOT_SUBSCRIPTION_ID: arm.subscriptionId,
      SNAPSHOT_RESOURCE_GROUP: arm.resourceGroup
    })
    expect(code).toBe(1)
    expect(lines.at(-1)?.value).toMatch(/^Azure sign-in failed \(managed-identity\): .* — no GitHub OIDC/)
    expect(arm.requests.slice(before).every((r) => r.path === '/msi/token')).toBe(true)
  }, 60_000)
})
