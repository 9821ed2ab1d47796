import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { freePort } from '../../support/services/free-port.js'
import { startNginx, type Nginx } from '../../support/services/nginx.js'
import { startSshd, type Sshd } from '../../support/services/sshd.js'
import { repoRoot } from '../../support/paths.js'
import { fakeDockerRuns, stopFakeDockerApps, writeSmokeChecks } from '../../support/seed-app.js'
import { callContext, callerWith, failedIn, jobOptions, loadCall } from '../../support/workflow-call.js'
import { runJob, type StepResult } from '../../support/workflow-job.js'

// Seed 002's example, its staging half proven on this machine: the `staging` job of
// workflows-examples/002-compose-fastapi/deploy.yml calls deploy-staging.yml; that workflow's
// `deploy` job's steps run in order through the CLI with the example's own `with:` values and
// secrets (evaluated by @actions/expressions against a recorded context). The host provider reaches
// the "server" over SSH (a real sshd on loopback) and switches a real nginx; the new color must
// answer /health/ready before traffic moves, then the smoke checks probe /health, /health/ready and
// /health/live. Stood in for: the Docker engine (a fake docker CLI on the SSH session's PATH runs the
// versioned test app; faked docker engine), and the server's addresses and nginx paths (the loopback
// ones replace the example's).

const staging = loadCall('002-compose-fastapi/deploy.yml', 'staging')

describe('seed 002 example: the staging deploy job over SSH, end to end (faked docker engine)', () => {
  let nginx: Nginx
  let sshd: Sshd
  let dir: string
  let dockerDir: string
  let results: StepResult[]
  const image = `ghcr.io/acme/rag-api@sha256:${'2'.repeat(64)}`
  const sha = 'c0ffee0002c0ffee0002c0ffee0002c0ffee0002'

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'seed-002-'))
    chmodSync(dir, 0o755)
    dockerDir = join(dir, 'docker')
    const fakeDocker = join(repoRoot, 'test', 'fixtures', 'fake-docker')
    sshd = await startSshd(undefined, [
      `SetEnv PATH=${fakeDocker}:${process.env.PATH} FAKE_DOCKER_DIR=${dockerDir} FAKE_DOCKER_APP=${join(repoRoot, 'test', 'fixtures', 'versioned-app', 'server.mjs')}`
    ])
    const ports = { blue: await freePort(), green: await freePort() }
    nginx = await startNginx(`127.0.0.1:${ports.blue}`)

    const options = jobOptions(dir, { PATH: process.env.PATH ?? '/usr/bin:/bin' })
    const check = (path: string) => [`  - name: ${path}`, `    url: ${path}`, '    expect:', '      status: 200']
    writeSmokeChecks(options.workspace, 'health.yml', ['checks:', ...check('/health'), ...check('/health/ready'), ...check('/health/live'), ''].join('\n'))

    const callerContext = { needs: { image: { outputs: { image } } }, github: { sha } }
    const given = callerWith(staging.caller, callerContext)
    const [target] = JSON.parse(given.targets) as Record<string, string>[]
    given.targets = JSON.stringify([
      {
        ...target,
        url: `http://127.0.0.1:${nginx.port}/`,
        host: '127.0.0.1',
        'ssh-user': sshd.user,
        'ssh-port': String(sshd.port),
        'blue-port': String(ports.blue),
        'green-port': String(ports.green),
        'nginx-upstream-file': nginx.upstreamFile,
        'nginx-conf': nginx.conf,
        'nginx-prefix': nginx.prefix,
        'nginx-pid-file': join(nginx.prefix, 'nginx.pid'),
        'state-file': join(dir, 'state.json')
      }
    ])
    const recordedSecrets: Record<string, string> = {
      SSH_PRIVATE_KEY: sshd.privateKey,
      SSH_KNOWN_HOSTS: sshd.knownHostsLine,
      APP_ENV: 'PINECONE_API_KEY=pc-secret\nLOG_LEVEL=info',
      TEAMS_WEBHOOK_URL: ''
    }
    results = await runJob(staging.called.jobs.deploy, callContext(staging, given, recordedSecrets, sha), options)
  }, 240_000)

  afterAll(async () => {
    if (dockerDir) stopFakeDockerApps(dockerDir)
    await nginx?.stop()
    await sshd?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('runs the switch and the smoke test; no database, so no backup and no migration', () => {
    expect(failedIn(results)).toEqual([])
    expect(Object.fromEntries(results.map((r) => [r.label, r.outcome]))).toMatchObject({ backup: 'skipped', migrate: 'skipped', swap: 'success', 'Smoke test': 'success' })
  })

  it('switched nginx, over SSH, to the image built for this commit', async () => {
    const swap = results.find((r) => r.label === 'swap')!
    expect(swap.outputs.outcome).toBe('promoted')
    const response = await fetch(`http://127.0.0.1:${nginx.port}/`)
    expect(response.headers.get('x-app-version')).toBe(sha)
    const runs = fakeDockerRuns(dockerDir)
    expect(runs.map((r) => r.image)).toEqual([image])
    expect(runs[0].env).toEqual(expect.arrayContaining(['PINECONE_API_KEY', 'LOG_LEVEL']))
  })

  it('never printed the secrets', () => {
    const logs = results.map((r) => r.log).join('\n')
    expect(logs).not.toContain('pc-secret')
    expect(logs).not.toContain(sshd.privateKey.split('\n')[1])
  })
})
