import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { freePort } from '../../support/services/free-port.js'
import { startNginx, type Nginx } from '../../support/services/nginx.js'
import { repoRoot } from '../../support/paths.js'
import { fakeDockerRuns, stopFakeDockerApps, writeSmokeChecks } from '../../support/seed-app.js'
import { callContext, callerWith, deploySteps, failedIn, jobOptions, loadCall } from '../../support/workflow-call.js'
import { runJob, type StepResult } from '../../support/workflow-job.js'

// Seed 004's example, proven on this machine: the `production` job of
// workflows-examples/004-go-sqlite/deploy.yml calls deploy-production.yml; its `deploy` job's steps
// are read from that file and run in order through the CLI with the example's own `with:` values
// (expressions evaluated by @actions/expressions against a recorded context: the image job's
// output, github.sha, the secrets). The server is this machine: a real nginx on loopback, the real
// SQLite file, the host provider with host: local. Two things are stood in for and say so: there is
// no Docker engine here, so a fake docker CLI runs the versioned test app as a process (faked
// docker engine); and the example's server paths (nginx files, the backup folder, the public URL)
// point at the loopback server's instead.

const production = loadCall('004-go-sqlite/deploy.yml', 'production')

describe('seed 004 example: the production deploy job, end to end (faked docker engine)', () => {
  let nginx: Nginx
  let dir: string
  let results: StepResult[]
  let database: string
  let backups: string
  let dockerDir: string
  let artifacts: string
  let run: (job: string, version: string, appEnv: string) => Promise<StepResult[]>
  const image = `ghcr.io/acme/linkstash@sha256:${'4'.repeat(64)}`
  const sha = 'c0ffee0004c0ffee0004c0ffee0004c0ffee0004'

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'seed-004-'))
    chmodSync(dir, 0o755)
    const ports = { blue: await freePort(), green: await freePort() }
    nginx = await startNginx(`127.0.0.1:${ports.blue}`)

    // The caller's repository, as checkout would leave it: migrations and the smoke checks.
    dockerDir = join(dir, 'docker')
    const options = jobOptions(dir, {
      PATH: `${join(repoRoot, 'test', 'fixtures', 'fake-docker')}:${process.env.PATH}`,
      FAKE_DOCKER_DIR: dockerDir,
      FAKE_DOCKER_APP: join(repoRoot, 'test', 'fixtures', 'versioned-app', 'server.mjs')
    })
    artifacts = options.artifacts
    const { workspace } = options
    mkdirSync(join(workspace, 'migrations'), { recursive: true })
    writeFileSync(join(workspace, 'migrations', '20240101000000_links.sql'), 'CREATE TABLE links (id INTEGER PRIMARY KEY, url TEXT NOT NULL);\n')
    writeSmokeChecks(workspace, 'linkstash.yml', ['checks:', '  - name: health', '    url: /health', '    expect:', '      status: 200', ''].join('\n'))

    // The server's SQLite database, with the data of the version before.
    database = join(dir, 'data', 'app.db')
    mkdirSync(join(dir, 'data'))
    execFileSync('sqlite3', [database, "CREATE TABLE settings (k TEXT PRIMARY KEY, v TEXT); INSERT INTO settings VALUES ('owner', 'acme');"])
    backups = join(dir, 'backups')

    // The caller's job: its `with:` evaluated against what the image job recorded, then the call's defaults.
    const callerContext = { needs: { image: { outputs: { image } } }, github: { sha }, secrets: {} }
    const given = callerWith(production.caller, callerContext)
    // The loopback server's paths in place of the production server's.
    const [target] = JSON.parse(given.targets) as Record<string, string>[]
    given.targets = JSON.stringify([
      {
        ...target,
        url: `http://127.0.0.1:${nginx.port}/`,
        'blue-port': String(ports.blue),
        'green-port': String(ports.green),
        'docker-volumes': `${join(dir, 'data')}:/data`,
        'nginx-upstream-file': nginx.upstreamFile,
        'nginx-conf': nginx.conf,
        'nginx-prefix': nginx.prefix,
        'nginx-pid-file': join(nginx.prefix, 'nginx.pid'),
        'state-file': join(dir, 'state.json')
      }
    ])
    given['backup-destination'] = `file://${backups}`
    const recordedSecrets: Record<string, string> = { DATABASE_URL: `sqlite://${database}`, APP_ENV: 'DB_PATH=/data/app.db\nSESSION_KEY=s3cr3t-session-key', BACKUP_ENCRYPTION_KEY: '' }
    const recorded = callContext(production, given, recordedSecrets, sha)
    run = (job, version, appEnv) =>
      runJob(production.called.jobs[job], { ...recorded, inputs: { ...recorded.inputs, version }, secrets: { ...recorded.secrets, APP_ENV: appEnv }, github: { sha: version } }, options)

    results = await run('deploy', sha, recorded.secrets.APP_ENV)
  }, 240_000)

  afterAll(async () => {
    if (dockerDir) stopFakeDockerApps(dockerDir)
    await nginx?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('runs every step of the deploy job; the promotion is skipped (images is empty in the example)', () => {
    const outcomes = results.map((r) => [r.label, r.outcome])
    expect(failedIn(results)).toEqual([])
    expect(outcomes).toEqual(deploySteps({ promote: 'skipped', 'Install the migration tool': 'skipped' }))
  })

  it('backed up the SQLite file and verified it before migrating', () => {
    const backup = results.find((r) => r.label === 'backup')!
    expect(backup.outputs['backup-id']).toEqual(expect.any(String))
    expect(backup.outputs.uri).toContain(backups)
    const files = readdirSync(backups, { recursive: true }).map(String)
    expect(files.some((f) => f.includes('production'))).toBe(true)
  })

  it('applied the migration to the server database', () => {
    expect(results.find((r) => r.label === 'migrate')!.outputs['applied-count']).toBe('1')
    expect(execFileSync('sqlite3', [database, 'SELECT name FROM sqlite_master WHERE type = "table" ORDER BY name']).toString().trim().split('\n')).toEqual(
      expect.arrayContaining(['links', 'settings'])
    )
  })

  it('switched nginx to the new version, started from the image staging tested with the app environment', async () => {
    const swap = results.find((r) => r.label === 'swap')!
    expect(swap.outputs.outcome).toBe('promoted')
    expect(swap.outputs['active-version']).toBe(sha)
    const response = await fetch(`http://127.0.0.1:${nginx.port}/`)
    expect(response.headers.get('x-app-version')).toBe(sha)
    const runs = fakeDockerRuns(dockerDir)
    expect(runs.map((r) => r.image)).toEqual([image])
    expect(runs[0].env).toEqual(expect.arrayContaining(['APP_VERSION', 'DB_PATH', 'SESSION_KEY']))
  })

  it('kept the state the rollback job reads: the backup, that a migration ran and that traffic switched', () => {
    const state = JSON.parse(readFileSync(join(artifacts, 'deploy-state-production', 'state.json'), 'utf8')) as Record<string, unknown>
    expect(state).toEqual({
      target: 'production',
      backupId: results.find((r) => r.label === 'backup')!.outputs['backup-id'],
      backupUri: expect.any(String),
      migrated: true,
      switched: true,
      deployed: true
    })
  })

  describe('a broken release: the deploy fails after a migration, the rollback job switches back and restores the database', () => {
    const broken = 'bad0000004bad0000004bad0000004bad0000004'
    let deploy: StepResult[]
    let rollback: StepResult[]

    beforeAll(async () => {
      writeFileSync(join(dir, 'workspace', 'migrations', '20240201000000_tags.sql'), 'CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n')
      // The new version cannot start (its container exits at once).
      deploy = await run('deploy', broken, 'DB_PATH=/data/app.db\nFAIL_START=1')
      // The rollback job runs when the deploy job failed (`if: failure() || cancelled()`).
      rollback = await run('rollback', broken, '')
    }, 240_000)

    it('the deploy job fails at the switch, after migrate applied the new migration', () => {
      const outcomes = Object.fromEntries(deploy.map((r) => [r.label, r.outcome]))
      expect(outcomes).toMatchObject({ backup: 'success', migrate: 'success', swap: 'failure', 'Smoke test': 'skipped', 'Keep the deploy state for the rollback job': 'success' })
      expect(deploy.find((r) => r.label === 'migrate')!.outputs['applied-count']).toBe('1')
    })

    it("every step of the rollback job succeeds and the database is restored from this run's backup", () => {
      expect(failedIn(rollback)).toEqual([])
      expect(rollback.map((r) => [r.label, r.outcome])).toEqual([
        ['fetch', 'success'],
        ['state', 'success'],
        ['kubeconfig', 'skipped'],
        ['Switch traffic back (a no-op where the switch already rolled back)', 'success'],
        ["Restore the database from this run's backup", 'success']
      ])
      const tables = execFileSync('sqlite3', [database, 'SELECT name FROM sqlite_master WHERE type = "table" ORDER BY name']).toString().trim().split('\n')
      expect(tables).toContain('links')
      expect(tables).not.toContain('tags')
    })

    it('users are still served by the version before', async () => {
      const response = await fetch(`http://127.0.0.1:${nginx.port}/`)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-app-version')).toBe(sha)
    })
  })

  describe('a deploy that fails before the switch (its migration fails): the rollback job leaves traffic on the live version', () => {
    const live = 'a11ve00004a11ve00004a11ve00004a11ve00004'
    const failing = 'fa11000004fa11000004fa11000004fa11000004'
    let good: StepResult[]
    let deploy: StepResult[]
    let rollback: StepResult[]

    beforeAll(async () => {
      // A good release: live, with the version before kept running beside it for an instant rollback.
      good = await run('deploy', live, 'DB_PATH=/data/app.db')
      writeFileSync(join(dir, 'workspace', 'migrations', '20240301000000_broken.sql'), 'CREATE TABLE broken (id INTEGER PRIMARY KEY,;\n')
      deploy = await run('deploy', failing, 'DB_PATH=/data/app.db')
      rollback = await run('rollback', failing, '')
    }, 240_000)

    it('the good release went live with the version before kept; the next deploy fails at migrate, before any traffic moves', () => {
      expect(failedIn(good)).toEqual([])
      expect(good.find((r) => r.label === 'swap')!.outputs['previous-color']).toEqual(expect.stringMatching(/^(blue|green)$/))
      expect(Object.fromEntries(deploy.map((r) => [r.label, r.outcome]))).toMatchObject({ migrate: 'failure', swap: 'skipped' })
    })

    it('the rollback job does not switch (nothing of this run reached users) and restores the database the migration touched', () => {
      expect(failedIn(rollback)).toEqual([])
      expect(Object.fromEntries(rollback.map((r) => [r.label, r.outcome]))).toMatchObject({ 'Switch traffic back (a no-op where the switch already rolled back)': 'skipped' })
      expect(rollback.at(-1)!.outcome).toBe('success')
    })

    it('users are still served by the live version, not the one before it', async () => {
      const response = await fetch(`http://127.0.0.1:${nginx.port}/`)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-app-version')).toBe(live)
    })

    it('without a deploy state (the deploy job never started: approval refused, the Announce job failed) the rollback job changes nothing', async () => {
      rmSync(join(artifacts, 'deploy-state-production'), { recursive: true, force: true })
      const steps = await run('rollback', failing, '')
      // Only the artifact download ran (and found nothing; it may fail).
      expect(steps.filter((r) => r.outcome !== 'skipped').map((r) => [r.label, r.outcome])).toEqual([['fetch', 'failure']])
      const response = await fetch(`http://127.0.0.1:${nginx.port}/`)
      expect(response.headers.get('x-app-version')).toBe(live)
    }, 240_000)

    it('a target whose deploy finished (another target failed) keeps its new version: no switch back, no restore', async () => {
      mkdirSync(join(artifacts, 'deploy-state-production'), { recursive: true })
      const finished = { target: 'production', backupId: 'b-1', backupUri: '', migrated: true, switched: true, deployed: true }
      writeFileSync(join(artifacts, 'deploy-state-production', 'state.json'), JSON.stringify(finished))
      const steps = await run('rollback', failing, '')
      expect(failedIn(steps)).toEqual([])
      expect(Object.fromEntries(steps.map((r) => [r.label, r.outcome]))).toMatchObject({
        'Switch traffic back (a no-op where the switch already rolled back)': 'skipped',
        "Restore the database from this run's backup": 'skipped'
      })
      const response = await fetch(`http://127.0.0.1:${nginx.port}/`)
      expect(response.headers.get('x-app-version')).toBe(live)
    }, 240_000)
  })
})
