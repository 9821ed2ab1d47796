import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { RAILWAY_TOKEN, startFakeRailway, type FakeRailway } from '../../support/fakes/railway-api.js'
import { startFakeVercel, VERCEL_TOKEN, type FakeVercel } from '../../support/fakes/vercel-api.js'
import { FAKE_ALEMBIC, releaseChecks, startLoopbackHost, writeAlembicBackend, writeSmokeChecks, type LoopbackHost } from '../../support/seed-app.js'
import { startPostgres, type Postgres } from '../../support/services/postgres.js'
import { startS3rver, type S3rver } from '../../support/services/s3rver.js'
import { callContext, callerWith, deploySteps, failedSteps, jobOptions, jobOutputs, loadCall, runDeployCall, runLogs, stepOf, type Call } from '../../support/workflow-call.js'
import { condition, type StepResult } from '../../support/workflow-job.js'

// Seed 003's example, its production half proven on this machine: the `api-production` job of
// workflows-examples/003-vercel-railway-neon/deploy.yml (the backend on Railway, Neon backed up
// with pg_dump to S3, Alembic) and, when it succeeded, the `web-production` job (the frontend on
// Vercel). Both call deploy-production.yml; its start, deploy and finish jobs run in order (steps
// read from the file, through the CLI, with the example's own `with:` values evaluated by
// @actions/expressions against a recorded context; job outputs passed on as `needs`).
// Real here: PostgreSQL (Neon's stand-in: Neon is PostgreSQL) and s3rver (the S3 API). Faked, and
// said so in the test name: Railway's GraphQL API and Vercel's REST API on loopback. Stood in for:
// Alembic and pip (not installable here; a stand-in alembic CLI applies SQL revisions with psql and
// keeps alembic_version as Alembic does); the S3 sign-in (the example takes a role with GitHub OIDC;
// here the SDK's default chain finds s3rver's keys, AWS_ENDPOINT_URL_S3 points it at s3rver); the
// public addresses (loopback servers answering with what the fake says production serves); the
// swap's bake (2m and 1m in the example, 3s here).
// Then a broken backend release (healthy, but its pages fail once it serves): the rollback job rolls
// Railway back to the deployment before and restores PostgreSQL from this run's S3 backup.

const api = loadCall('003-vercel-railway-neon/deploy.yml', 'api-production')
const web = loadCall('003-vercel-railway-neon/deploy.yml', 'web-production')
const image = 'ghcr.io/acme/todo-api@sha256:' + '3'.repeat(64)
const OLD_IMAGE = 'ghcr.io/acme/todo-api@sha256:' + 'b'.repeat(64)
const sha = 'c0ffee0003c0ffee0003c0ffee0003c0ffee0003'
const BROKEN = 'ghcr.io/acme/todo-api@sha256:' + 'e'.repeat(64)
const brokenSha = 'bad0000003bad0000003bad0000003bad0000003'
const BACKUP_KEY = Buffer.alloc(32, 0x33).toString('base64')

/** A public address on loopback: answers with what `serving()` says production runs. */
const startPublicHost = (serving: () => string): Promise<LoopbackHost> =>
  startLoopbackHost((req, res) => {
    // The broken release starts and is healthy, but its pages fail.
    if (serving() === BROKEN && !req.url?.startsWith('/health')) return void res.writeHead(500, { 'x-serving': BROKEN }).end('Internal Server Error')
    res.writeHead(200, { 'content-type': 'text/plain', 'x-serving': serving() }).end(req.url?.startsWith('/health') ? 'ok' : `todo ${serving()}`)
  }, '/')

describe('seed 003 example: the backend on Railway and the frontend on Vercel to production, end to end (faked Railway, Vercel, Alembic CLI)', () => {
  let pg: Postgres
  let s3: S3rver
  let s3Client: S3Client
  let railway: FakeRailway
  let vercel: FakeVercel
  let hosts: LoopbackHost[]
  let dir: string
  let apiJobs: Record<string, StepResult[]>
  let webJobs: Record<string, StepResult[]> = {}
  let webRuns = false
  let deployBrokenApi: () => Promise<Record<string, StepResult[]>>
  const bucket = 'acme-todo-backups'

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'seed-003-'))
    chmodSync(dir, 0o755)
    // What the earlier jobs recorded: the backend image, and the deployment Vercel built of this commit (web-build).
    const preview = `https://todo-web-thiscommit.vercel.app`
    const callerContext = { needs: { 'api-image': { outputs: { image } }, 'web-build': { outputs: { deployment: preview } } }, github: { sha } }
    const apiWith = callerWith(api.caller, callerContext)
    const webWith = callerWith(web.caller, callerContext)
    const [apiTarget] = JSON.parse(apiWith.targets) as Record<string, string>[]
    const [webTarget] = JSON.parse(webWith.targets) as Record<string, string>[]

    ;[pg, s3, railway, vercel] = await Promise.all([
      startPostgres(),
      startS3rver([bucket]),
      // The Railway service and Vercel project the example names.
      startFakeRailway({ steps: 2, serviceId: apiTarget['railway-service'], environmentId: apiTarget['railway-environment'] }),
      startFakeVercel({ projectName: webTarget['vercel-project'] })
    ])
    s3Client = new S3Client({ endpoint: s3.endpoint, region: 'eu-central-1', forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } })
    // What production runs before this release: the previous image on Railway; on Vercel, the previous
    // production deployment, and the preview Vercel built from this commit (Vercel builds by itself).
    railway.seedSuccess({ image: OLD_IMAGE, reason: 'deploy' })
    vercel.addDeployment('dpl_Previous01')
    vercel.setProduction('dpl_Previous01')
    vercel.addDeployment('dpl_ThisCommit', { sha, url: new URL(preview).host, readyState: 'BUILDING', buildPolls: 1 })
    hosts = await Promise.all([
      startPublicHost(() => {
        const served = railway.serving()?.meta.image
        return typeof served === 'string' ? served : ''
      }),
      startPublicHost(() => vercel.deployments.get(vercel.project.production ?? '')?.sha ?? '')
    ])

    // Neon's database as the version before left it.
    const database = pg.createDatabase('todo')
    pg.sql("CREATE TABLE todos (id serial PRIMARY KEY, title text NOT NULL); INSERT INTO todos (title) VALUES ('write the proof'), ('ship it');", 'todo')

    const options = jobOptions(dir, {
      PATH: `${FAKE_ALEMBIC}:${process.env.PATH}`,
      GITHUB_REPOSITORY: 'acme/todo',
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      AWS_ENDPOINT_URL_S3: s3.endpoint
    })
    const { workspace } = options
    writeAlembicBackend(workspace, { '5c0d1e2f3a4b_todo_done.sql': 'ALTER TABLE todos ADD COLUMN done boolean NOT NULL DEFAULT false;\n' })
    writeSmokeChecks(workspace, 'api.yml', releaseChecks(image))
    writeSmokeChecks(workspace, 'web.yml', releaseChecks(sha))

    const recordedSecrets = { DATABASE_URL: database, BACKUP_ENCRYPTION_KEY: BACKUP_KEY, RAILWAY_TOKEN, RENDER_API_KEY: '', VERCEL_TOKEN }
    const recordedFor = (call: Call, given: Record<string, string>, commit = sha) => callContext(call, given, recordedSecrets, commit)

    // The loopback public addresses and fake APIs in place of the real ones.
    const apiLoopback = { targets: JSON.stringify([{ ...apiTarget, url: hosts[0].url, 'railway-api-url': railway.url }]), 'swap-bake': '3s' }
    apiJobs = await runDeployCall(api.called, recordedFor(api, { ...apiWith, ...apiLoopback }), options)

    // The next backend release, from the next commit: its image, its checkout (a new revision, its smoke checks).
    deployBrokenApi = async () => {
      writeSmokeChecks(workspace, 'api.yml', releaseChecks(BROKEN))
      writeAlembicBackend(workspace, { '6d7e8f9a0b1c_tags.sql': 'CREATE TABLE tags (name text PRIMARY KEY);\n' })
      const next = callerWith(api.caller, { needs: { 'api-image': { outputs: { image: BROKEN } } }, github: { sha: brokenSha } })
      return runDeployCall(api.called, recordedFor(api, { ...next, ...apiLoopback }, brokenSha), options)
    }

    // web-production runs when api-production's `result` output says success.
    const apiResult = jobOutputs({ steps: [], outputs: { result: '${{ steps.result.outputs.result }}' } }, apiJobs.finish, {})
    webRuns = condition(web.caller.if, { needs: { 'api-production': { outputs: apiResult } } }, false)
    if (!webRuns) return
    const webGiven = {
      ...webWith,
      targets: JSON.stringify([{ ...webTarget, url: hosts[1].url, 'vercel-api-url': vercel.url }]),
      'swap-bake': '3s'
    }
    webJobs = await runDeployCall(web.called, recordedFor(web, webGiven), options)
  }, 300_000)

  afterAll(async () => {
    s3Client?.destroy()
    await Promise.all([...(hosts ?? []).map((h) => h.stop()), pg?.stop(), s3?.stop(), railway?.stop(), vercel?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const step = stepOf

  describe('the backend (api-production)', () => {
    it('runs every step of the deploy job with no failure; no rollback', () => {
      expect(failedSteps(apiJobs)).toEqual([])
      expect(apiJobs.rollback).toBeUndefined()
      expect(apiJobs.deploy.map((r) => [r.label, r.outcome])).toEqual(deploySteps({ promote: 'skipped' }))
      expect(step(apiJobs, 'finish', 'result').outputs.result).toBe('success')
    })

    it('dumped the database with pg_dump to S3 (s3rver), encrypted and verified', async () => {
      const backup = step(apiJobs, 'deploy', 'backup')
      expect(backup.outputs.uri).toMatch(new RegExp(`^s3://${bucket}/neon/production-api/.+\\.enc$`))
      expect(backup.log).toContain('verified: sha256 re-read and matched')
      const key = backup.outputs.uri.replace(`s3://${bucket}/`, '')
      const listed = await s3Client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'neon/' }))
      expect((listed.Contents ?? []).map((o) => o.Key)).toEqual([key])
      const head = await s3Client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
      expect(head.Metadata).toMatchObject({ sha256: backup.outputs.sha256, engine: 'postgres', encryption: 'aes-256-gcm' })
    })

    it('applied the Alembic revision to PostgreSQL', () => {
      expect(step(apiJobs, 'deploy', 'migrate').outputs['applied-count']).toBe('1')
      expect(pg.sql('SELECT version_num FROM alembic_version', 'todo')).toBe('5c0d1e2f3a4b')
      expect(pg.sql('SELECT count(*) FROM todos WHERE NOT done', 'todo')).toBe('2')
      const state = JSON.parse(readFileSync(join(dir, 'artifacts', 'deploy-state-production-api', 'state.json'), 'utf8')) as Record<string, unknown>
      expect(state).toMatchObject({ target: 'production-api', backupId: step(apiJobs, 'deploy', 'backup').outputs['backup-id'], migrated: true })
    })

    it('redeployed the Railway service with the image staging tested; it serves production', async () => {
      // Railway knows a deployment by its image: that is the version it reports.
      expect(step(apiJobs, 'deploy', 'swap').outputs).toMatchObject({ outcome: 'promoted', 'active-version': image, 'previous-version': OLD_IMAGE, 'rolled-back': 'false' })
      expect(railway.instanceImage).toBe(image)
      expect(railway.serving()?.meta).toMatchObject({ image, reason: 'deploy' })
      expect(railway.operations.filter((o) => !o.authorized)).toEqual([])
      expect((await fetch(hosts[0].url)).headers.get('x-serving')).toBe(image)
    })
  })

  describe('the frontend (web-production, after the backend succeeded)', () => {
    it('runs: the backend reported success', () => {
      expect(webRuns).toBe(true)
      expect(failedSteps(webJobs)).toEqual([])
      expect(Object.fromEntries(webJobs.deploy.map((r) => [r.label, r.outcome]))).toMatchObject({ backup: 'skipped', migrate: 'skipped', swap: 'success', 'Smoke test': 'success' })
      expect(step(webJobs, 'finish', 'result').outputs.result).toBe('success')
    })

    it("promoted this commit's Vercel deployment to production", async () => {
      expect(step(webJobs, 'deploy', 'swap').outputs).toMatchObject({ outcome: 'promoted', 'rolled-back': 'false' })
      expect(vercel.project.production).toBe('dpl_ThisCommit')
      expect(vercel.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/v10/projects/prj_fake1234/promote/dpl_ThisCommit'])
      expect((await fetch(hosts[1].url)).headers.get('x-serving')).toBe(sha)
    })
  })

  it('never printed a token or the backup key', () => {
    const logs = runLogs(apiJobs, webJobs)
    for (const secret of [BACKUP_KEY, RAILWAY_TOKEN, VERCEL_TOKEN, 'S3RVER']) expect(logs).not.toContain(secret)
  })

  describe('a broken backend release: its pages fail after the redeploy; the rollback job rolls Railway back and restores the database from S3', () => {
    let broken: Record<string, StepResult[]>

    beforeAll(async () => {
      broken = await deployBrokenApi()
    }, 300_000)

    it('the deploy job fails after migrate applied the new revision; every step of the rollback job succeeds', () => {
      expect(Object.fromEntries(broken.deploy.map((r) => [r.label, r.outcome]))).toMatchObject({
        backup: 'success',
        migrate: 'success',
        'Keep the deploy state for the rollback job': 'success'
      })
      // The swap's own analysis (synthetic requests during the bake) or the smoke checks after it catch the failing pages.
      expect(broken.deploy.some((r) => (r.label === 'swap' || r.label === 'Smoke test') && r.outcome === 'failure')).toBe(true)
      expect(step(broken, 'deploy', 'migrate').outputs['applied-count']).toBe('1')
      expect(broken.rollback.map((r) => [r.label, r.outcome])).toEqual([
        ['fetch', 'success'],
        ['state', 'success'],
        ['kubeconfig', 'skipped'],
        ['Switch traffic back (a no-op where the switch already rolled back)', 'success'],
        ["Restore the database from this run's backup", 'success']
      ])
      expect(step(broken, 'finish', 'result').outputs.result).toBe('rolled_back')
    })

    it('Railway serves the release before again, by a rollback deployment', async () => {
      expect(railway.operations.map((o) => o.name)).toContain('deploymentRollback')
      expect(railway.serving()?.meta).toMatchObject({ image, reason: 'rollback' })
      const response = await fetch(hosts[0].url)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-serving')).toBe(image)
    })

    it("the database is this run's S3 backup again: the new revision is gone", async () => {
      expect(pg.sql('SELECT version_num FROM alembic_version', 'todo')).toBe('5c0d1e2f3a4b')
      expect(pg.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'tags'", 'todo')).toBe('0')
      expect(pg.sql('SELECT count(*) FROM todos', 'todo')).toBe('2')
      const listed = await s3Client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'neon/' }))
      expect(listed.Contents ?? []).toHaveLength(2)
    })
  })
})
