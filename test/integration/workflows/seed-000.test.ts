import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { BlobServiceClient } from '@azure/storage-blob'
import { startFakeArm, type FakeArm } from '../../support/fakes/azure-arm.js'
import { SLACK_TOKEN, startFakeSlack, type FakeSlack } from '../../support/fakes/slack-api.js'
import { FAKE_ALEMBIC, releaseChecks, startLoopbackHost, writeAlembicBackend, writeSmokeChecks, type LoopbackHost } from '../../support/seed-app.js'
import { startAzurite, type Azurite } from '../../support/services/azurite.js'
import { startPostgres, type Postgres } from '../../support/services/postgres.js'
import { startSmtp, type Smtp } from '../../support/services/smtp.js'
import { callContext, callerWith, callInputs, deploySteps, failedSteps, jobOptions, jobOutputs, loadCall, runDeployCall, runLogs, stepOf } from '../../support/workflow-call.js'
import { condition, type StepResult } from '../../support/workflow-job.js'

// Seed 000's example, its production half proven on this machine: the `api-production`
// job of workflows-examples/000-fastapi-react-azure/deploy.yml calls deploy-production.yml; that
// workflow's start, deploy and finish jobs run in order (their steps read from the file, through the
// CLI, with the example's own `with:` values evaluated by @actions/expressions against a recorded
// context: the image job's output, github.sha, the secrets; job outputs passed on as `needs`).
// Real here: PostgreSQL (the Flexible Server's database), Azurite (Blob Storage), an SMTP server.
// Faked, and said so in the test name: Azure Resource Manager (App Service slots on loopback; the
// real @azure/identity signs in through its managed-identity endpoint, where GitHub OIDC would sign
// in on GitHub) and Slack's Web API. Stood in for: Alembic and pip (not installable here; a
// stand-in alembic CLI applies SQL revisions with psql and keeps alembic_version as Alembic does);
// the two App Service hosts (loopback servers answering with the image the fake ARM says the slot
// runs); Blob sign-in (Azurite takes the connection string, the README's alternative to OIDC, so
// the destination names Azurite's container, not the example's account URL);
// the swap's bake (2m in the example, 3s here); the production URL and SMTP server (loopback).
// After it, the `web-production` job (the frontend's own App Service, no database), run when the
// backend's result output says success. Then a broken backend release (healthy, but its pages fail
// the smoke checks after the swap): the rollback job swaps the slots back in the fake ARM and
// restores PostgreSQL from this run's Blob backup.

const { caller, called } = loadCall('000-fastapi-react-azure/deploy.yml', 'api-production')
const web = loadCall('000-fastapi-react-azure/deploy.yml', 'web-production')
const WEB_OLD = 'acmeapps.azurecr.io/shop-web@sha256:' + 'b'.repeat(64)
const WEB_IMAGE = 'acmeapps.azurecr.io/shop-web@sha256:' + '1'.repeat(64)
const OLD = 'acmeapps.azurecr.io/shop-api@sha256:' + 'a'.repeat(64)
const image = 'acmeapps.azurecr.io/shop-api@sha256:' + '0'.repeat(64)
const sha = 'c0ffee0000c0ffee0000c0ffee0000c0ffee0000'
const BROKEN = 'acmeapps.azurecr.io/shop-api@sha256:' + 'e'.repeat(64)
const brokenSha = 'bad0000000bad0000000bad0000000bad0000000'
const BACKUP_KEY = Buffer.alloc(32, 0x30).toString('base64')
const SMTP_PASSWORD = 'smtp-pass-000-secret'

/** An App Service host on loopback: answers with the image the fake ARM says this slot runs. */
const startSlotHost = (arm: () => FakeArm, slot: string): Promise<LoopbackHost> =>
  startLoopbackHost((req, res) => {
    const running = (arm().appService.slot(slot).config.linuxFxVersion ?? '').replace(/^DOCKER\|/, '')
    // The broken release starts and is healthy, but its pages fail.
    if (running === BROKEN && !req.url?.startsWith('/health')) return void res.writeHead(500, { 'x-app-image': running }).end('Internal Server Error')
    res.writeHead(200, { 'content-type': 'text/plain', 'x-app-image': running }).end(req.url?.startsWith('/health') ? 'ok' : `shop-api ${running}`)
  })

describe('seed 000 example: the backend and frontend production deploys on Azure, end to end (faked ARM, Slack, Alembic CLI)', () => {
  let pg: Postgres
  let azurite: Azurite
  let arm: FakeArm
  let slack: FakeSlack
  let smtp: Smtp
  let hosts: LoopbackHost[]
  let dir: string
  let database: string
  let inputsWith: Record<string, string>
  let jobs: Record<string, StepResult[]> = {}
  let deployBroken: () => Promise<Record<string, StepResult[]>>
  let deployWeb: () => Promise<{ runs: boolean; jobs: Record<string, StepResult[]>; arm: FakeArm }>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'seed-000-'))
    chmodSync(dir, 0o755)
    inputsWith = callerWith(caller, { needs: { 'api-image': { outputs: { image } } }, github: { sha } })
    const [target] = JSON.parse(inputsWith.targets) as Record<string, string>[]
    ;[pg, azurite, slack, smtp, arm] = await Promise.all([
      startPostgres(),
      startAzurite(),
      startFakeSlack({ channels: [inputsWith['slack-channel']] }),
      startSmtp({ username: inputsWith['smtp-username'], password: SMTP_PASSWORD }),
      // The App Service the example names, in the subscription it names.
      startFakeArm({
        subscriptionId: inputsWith['azure-subscription-id'],
        resourceGroup: target['azure-resource-group'],
        webApp: { appName: target['azure-app-name'], slots: [target['azure-slot']], image: OLD }
      })
    ])
    hosts = await Promise.all([startSlotHost(() => arm, 'production'), startSlotHost(() => arm, target['azure-slot'])])
    await BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('backups').create()

    // Production's database as the version before left it: data, no revision of this release yet.
    database = pg.createDatabase('shop')
    pg.sql("CREATE TABLE customers (id serial PRIMARY KEY, email text NOT NULL); INSERT INTO customers (email) VALUES ('a@example.com'), ('b@example.com');", 'shop')

    // The caller's repository as checkout leaves it: the backend with its Alembic revisions, the smoke checks.
    const options = jobOptions(dir, {
      PATH: `${FAKE_ALEMBIC}:${process.env.PATH}`,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      NODE_EXTRA_CA_CERTS: smtp.caFile,
      DEPLOY_ACTIONS_ARM_ENDPOINT: arm.endpoint,
      IDENTITY_ENDPOINT: arm.identityEndpoint,
      IDENTITY_HEADER: arm.identityHeader
    })
    const { workspace } = options
    writeAlembicBackend(workspace, { '3b1f0c2d9a4e_create_orders.sql': 'CREATE TABLE orders (id serial PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id));\n' })
    writeSmokeChecks(workspace, 'api.yml', releaseChecks(image))

    // The loopback hosts and services in place of the production ones.
    const loopback = {
      targets: JSON.stringify([{ ...target, url: hosts[0].url, 'azure-slot-url': hosts[1].url }]),
      'swap-bake': '3s',
      // The example names its storage account by URL (OIDC sign-in); Azurite's account comes with the connection string.
      'backup-destination': 'azblob://backups/shop-api',
      'slack-api-url': slack.apiUrl,
      'smtp-host': '127.0.0.1',
      'smtp-port': String(smtp.port)
    }
    const given = { ...inputsWith, ...loopback }
    const recorded = callContext(
      { caller: { ...caller, secrets: { ...caller.secrets, AZURE_STORAGE_CONNECTION_STRING: '${{ secrets.AZURE_STORAGE_CONNECTION_STRING }}' } }, called },
      given,
      {
        DATABASE_URL: database,
        BACKUP_ENCRYPTION_KEY: BACKUP_KEY,
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        SMTP_PASSWORD,
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString
      },
      sha
    )

    jobs = await runDeployCall(called, recorded, options)

    // The frontend job, when the backend's result says success: its own App Service (shop-web), no database.
    deployWeb = async () => {
      const backend = jobOutputs({ steps: [], outputs: { result: '${{ steps.result.outputs.result }}' } }, jobs.finish, {})
      const webWith = callerWith(web.caller, { needs: { 'web-image': { outputs: { image: WEB_IMAGE } } }, github: { sha } })
      const [webTarget] = JSON.parse(webWith.targets) as Record<string, string>[]
      const webArm = await startFakeArm({
        subscriptionId: webWith['azure-subscription-id'],
        resourceGroup: webTarget['azure-resource-group'],
        webApp: { appName: webTarget['azure-app-name'], slots: [webTarget['azure-slot']], image: WEB_OLD }
      })
      const webHosts = await Promise.all([startSlotHost(() => webArm, 'production'), startSlotHost(() => webArm, webTarget['azure-slot'])])
      hosts.push(...webHosts)
      if (!condition(web.caller.if, { needs: { 'api-production': { outputs: backend } } }, false)) return { runs: false, jobs: {}, arm: webArm }
      writeSmokeChecks(workspace, 'web.yml', ['checks:', '  - name: shop', '    url: /', '    expect:', '      status: 200', `      body-contains: '${WEB_IMAGE}'`, ''].join('\n'))
      const webLoopback = { ...loopback, targets: JSON.stringify([{ ...webTarget, url: webHosts[0].url, 'azure-slot-url': webHosts[1].url }]) }
      const webRecorded = callContext(web, { ...webWith, ...webLoopback }, { SLACK_BOT_TOKEN: SLACK_TOKEN }, sha)
      const webEnv = { ...options.env, DEPLOY_ACTIONS_ARM_ENDPOINT: webArm.endpoint, IDENTITY_ENDPOINT: webArm.identityEndpoint, IDENTITY_HEADER: webArm.identityHeader }
      return { runs: true, jobs: await runDeployCall(web.called, webRecorded, { ...options, env: webEnv }), arm: webArm }
    }

    // The next release, from the next commit: its image, its checkout (a new revision, its smoke checks).
    deployBroken = async () => {
      writeSmokeChecks(workspace, 'api.yml', releaseChecks(BROKEN))
      writeAlembicBackend(workspace, { '7d8e9f0a1b2c_add_coupons.sql': 'CREATE TABLE coupons (code text PRIMARY KEY);\n' })
      const next = callInputs(called.on.workflow_call.inputs, { ...callerWith(caller, { needs: { 'api-image': { outputs: { image: BROKEN } } }, github: { sha: brokenSha } }), ...loopback })
      return runDeployCall(called, { ...recorded, inputs: next, github: { sha: brokenSha } }, options)
    }
  }, 300_000)

  afterAll(async () => {
    await Promise.all([...(hosts ?? []).map((h) => h.stop()), pg?.stop(), azurite?.stop(), arm?.stop(), slack?.stop(), smtp?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const step = (job: string, label: string): StepResult => stepOf(jobs, job, label)

  it('runs every job with no failed step; the rollback job is not needed', () => {
    expect(failedSteps(jobs)).toEqual([])
    expect(jobs.rollback).toBeUndefined()
    expect(jobs.deploy.map((r) => [r.label, r.outcome])).toEqual(deploySteps({ promote: 'skipped' }))
    expect(step('finish', 'result').outputs.result).toBe('success')
  })

  it('backed up the database to Blob Storage (Azurite), encrypted and verified, before migrating', async () => {
    const backup = step('deploy', 'backup')
    expect(backup.outputs.uri).toMatch(new RegExp(`^azblob://backups/shop-api/production-api/.+\\.enc$`))
    expect(backup.log).toContain('verified: sha256 re-read and matched')
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('backups')
    const blob = backup.outputs.uri.replace('azblob://backups/', '')
    const props = await container.getBlockBlobClient(blob).getProperties()
    expect(props.metadata).toMatchObject({ sha256: backup.outputs.sha256, engine: 'postgres', encryption: 'aes-256-gcm' })
    // The dump was taken before the migration: the backup knows no orders table.
    expect(Number(props.contentLength)).toBe(Number(backup.outputs['size-bytes']))
  })

  it('applied the Alembic revision to PostgreSQL, recorded as Alembic records it', () => {
    expect(step('deploy', 'migrate').outputs['applied-count']).toBe('1')
    expect(pg.sql('SELECT version_num FROM alembic_version', 'shop')).toBe('3b1f0c2d9a4e')
    expect(pg.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'orders'", 'shop')).toBe('1')
    expect(pg.sql('SELECT count(*) FROM customers', 'shop')).toBe('2')
    const state = JSON.parse(readFileSync(join(dir, 'artifacts', 'deploy-state-production-api', 'state.json'), 'utf8')) as Record<string, unknown>
    expect(state).toMatchObject({ target: 'production-api', backupId: step('deploy', 'backup').outputs['backup-id'], migrated: true })
  })

  it('started the image on the staging slot and swapped it into production in the fake ARM', async () => {
    expect(step('deploy', 'swap').outputs).toMatchObject({ outcome: 'promoted', 'active-version': sha, 'rolled-back': 'false' })
    expect(arm.appService.swaps()).toBe(1)
    expect(arm.appService.slot('production').config.linuxFxVersion).toBe(`DOCKER|${image}`)
    expect(arm.appService.slot('staging').config.linuxFxVersion).toBe(`DOCKER|${OLD}`)
    expect(arm.appService.tags()['deploy-actions-lock']).toBeUndefined()
    expect((await fetch(`${hosts[0].url}/`)).headers.get('x-app-image')).toBe(image)
  })

  it('announced the deploy in Slack and updated that one message with the result; emailed ops', () => {
    const calls = slack.calls().map((c) => c.method)
    expect(calls).toEqual(['chat.postMessage', 'chat.update'])
    expect(slack.messages.size).toBe(1)
    const [message] = slack.messages.values()
    expect(message.updates).toBe(1)
    expect(message.text).toBe(`✅ shop ${sha} is live on production`)
    expect(smtp.messages.map((m) => m.to)).toEqual([['ops@example.com'], ['ops@example.com']])
    expect(smtp.messages.map((m) => m.user)).toEqual([inputsWith['smtp-username'], inputsWith['smtp-username']])
    expect(smtp.messages.at(-1)!.raw).toContain(sha.slice(0, 7))
  })

  it('never printed a secret', () => {
    const logs = runLogs(jobs)
    for (const secret of [BACKUP_KEY, SLACK_TOKEN, SMTP_PASSWORD, 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq']) expect(logs).not.toContain(secret)
  })

  describe('the frontend (web-production, after the backend succeeded): its App Service slot swapped, no database', () => {
    let webRun: { runs: boolean; jobs: Record<string, StepResult[]>; arm: FakeArm }

    beforeAll(async () => {
      webRun = await deployWeb()
    }, 300_000)

    afterAll(async () => {
      await webRun?.arm.stop()
    })

    it('runs, with no backup and no migration, and swaps shop-web in the fake ARM', () => {
      expect(webRun.runs).toBe(true)
      expect(failedSteps(webRun.jobs)).toEqual([])
      expect(Object.fromEntries(webRun.jobs.deploy.map((r) => [r.label, r.outcome]))).toMatchObject({ backup: 'skipped', migrate: 'skipped', swap: 'success', 'Smoke test': 'success' })
      expect(webRun.arm.appService.swaps()).toBe(1)
      expect(webRun.arm.appService.slot('production').config.linuxFxVersion).toBe(`DOCKER|${WEB_IMAGE}`)
      expect(arm.appService.slot('production').config.linuxFxVersion).toBe(`DOCKER|${image}`)
      expect(webRun.jobs.finish.find((r) => r.label === 'result')!.outputs.result).toBe('success')
    })

    it('tells Slack in a message of its own, and sends no email (Slack only)', () => {
      expect(slack.messages.size).toBe(2)
      expect([...slack.messages.values()][1].text).toContain(sha)
      expect(smtp.messages).toHaveLength(2)
    })
  })

  describe('a broken release: its pages fail after the swap; the rollback job swaps back and restores the database (restore-on-failure)', () => {
    let broken: Record<string, StepResult[]>
    const brokenStep = (job: string, label: string): StepResult => stepOf(broken, job, label)

    beforeAll(async () => {
      broken = await deployBroken()
    }, 300_000)

    it('the deploy job fails after migrate applied the new revision; the rollback job runs and every step succeeds', () => {
      expect(Object.fromEntries(broken.deploy.map((r) => [r.label, r.outcome]))).toMatchObject({
        backup: 'success',
        migrate: 'success',
        'Keep the deploy state for the rollback job': 'success'
      })
      expect(broken.deploy.some((r) => r.outcome === 'failure')).toBe(true)
      expect(brokenStep('deploy', 'migrate').outputs['applied-count']).toBe('1')
      expect(broken.rollback.map((r) => [r.label, r.outcome])).toEqual([
        ['fetch', 'success'],
        ['state', 'success'],
        ['kubeconfig', 'skipped'],
        ['Switch traffic back (a no-op where the switch already rolled back)', 'success'],
        ["Restore the database from this run's backup", 'success']
      ])
      expect(brokenStep('finish', 'result').outputs.result).toBe('rolled_back')
    })

    it('production runs the release before again, in the fake ARM', async () => {
      expect(arm.appService.slot('production').config.linuxFxVersion).toBe(`DOCKER|${image}`)
      expect(arm.appService.tags()['deploy-actions-lock']).toBeUndefined()
      const response = await fetch(`${hosts[0].url}/`)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-app-image')).toBe(image)
    })

    it("the database is this run's backup again: the new revision is gone, the release before's is there", () => {
      expect(pg.sql('SELECT version_num FROM alembic_version', 'shop')).toBe('3b1f0c2d9a4e')
      expect(pg.sql("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('orders', 'coupons')", 'shop')).toBe('1')
      expect(pg.sql('SELECT count(*) FROM customers', 'shop')).toBe('2')
    })

    it('the Slack message of this run ends saying it was rolled back', () => {
      expect(slack.messages.size).toBe(3)
      const last = [...slack.messages.values()][2]
      expect(last.updates).toBe(1)
      expect(last.text).toMatch(/roll/i)
      expect(last.text).toContain(brokenSha)
    })
  })
})
