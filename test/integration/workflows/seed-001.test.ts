import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startFakeEcsHttp, type FakeEcsHttp } from '../../support/fakes/aws-ecs-http.js'
import { LISTENER, TARGET_GROUPS } from '../../support/fakes/aws-ecs-sdk.js'
import { startFakeRds, type FakeRds } from '../../support/fakes/rds.js'
import { SLACK_CHANNEL_ID, SLACK_TOKEN, startFakeSlack, type FakeSlack } from '../../support/fakes/slack-api.js'
import { writeSmokeChecks } from '../../support/seed-app.js'
import { startPostgres, type Postgres } from '../../support/services/postgres.js'
import { callContext, callerWith, deploySteps, failedIn, failedSteps, jobOptions, loadCall, runDeployCall } from '../../support/workflow-call.js'
import type { StepResult } from '../../support/workflow-job.js'

// Seed 001's example, proven on this machine: the `production` job of
// workflows-examples/001-node-ecs/deploy.yml calls deploy-production.yml; the steps of its `start`,
// `deploy`, `rollback` and `finish` jobs are read from that file and run in order through the CLI
// with the example's own `with:` values (expressions evaluated by @actions/expressions against a
// recorded context: the image job's output, github.sha, the secrets). PostgreSQL is real. Faked, and
// said so in the test name: AWS (ECS, ELBv2 and RDS on loopback HTTP fakes the SDK reaches through
// its own AWS_ENDPOINT_URL_* variables), Slack (loopback Web API fake), and Prisma: its schema engine
// downloads a binary from outside npm, so `npm ci` (the example's setup-command) installs a stand-in
// `prisma` that applies prisma/migrations/*/migration.sql with psql and records them in
// _prisma_migrations, printing what `prisma migrate deploy` / `status` print. The load balancer is a
// loopback server that splits requests between the two colors by the fake listener's weights; each
// color answers as the version its ECS service runs. Changed from the example, as a test must: the
// target's url (the load balancer's address), the 5-minute bake (2 s), the Slack API URL and channel.

const call = loadCall('001-node-ecs/deploy.yml', 'production')
const production = call.caller

const PRISMA_STANDIN = `#!/bin/bash
set -euo pipefail
[ "$1" = migrate ] || { echo "prisma stand-in: only migrate deploy|status" >&2; exit 2; }
db() { psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -qAt "$@"; }
db -c 'CREATE TABLE IF NOT EXISTS _prisma_migrations (id text PRIMARY KEY, migration_name text NOT NULL, finished_at timestamptz)'
pending=()
for dir in prisma/migrations/*/; do
  name=$(basename "$dir")
  if [ -z "$(db -c "SELECT 1 FROM _prisma_migrations WHERE migration_name = '$name'")" ]; then pending+=("$name"); fi
done
case "$2" in
  deploy)
    echo "Prisma schema loaded from prisma/schema.prisma"
    for name in "\${pending[@]}"; do
      echo "Applying migration \\\`$name\\\`"
      db -f "prisma/migrations/$name/migration.sql"
      db -c "INSERT INTO _prisma_migrations VALUES ('$name', '$name', now())"
    done
    if [ \${#pending[@]} -eq 0 ]; then echo "No pending migrations to apply."; else echo "All migrations have been successfully applied."; fi ;;
  status)
    if [ \${#pending[@]} -eq 0 ]; then echo "Database schema is up to date!"; exit 0; fi
    echo "Following migrations have not yet been applied:"
    printf '%s\\n' "\${pending[@]}"
    exit 1 ;;
  *) echo "prisma stand-in: only migrate deploy|status" >&2; exit 2 ;;
esac
`

const FAKE_NPM = `#!/bin/bash
set -euo pipefail
[ "$1" = ci ] || { echo "fake npm: only ci" >&2; exit 1; }
mkdir -p node_modules/.bin
cp "$PRISMA_STANDIN" node_modules/.bin/prisma
chmod +x node_modules/.bin/prisma
echo "added 1 package (faked registry: the prisma stand-in)"
`

const SMOKE_CHECKS = `# The seed's scripts/smoke-test.sh as a checks file: health, log in, keep the token, use it.
checks:
  - name: health
    url: /health
    expect:
      json:
        - { path: $.status, equals: healthy }
  - name: login
    method: POST
    url: /api/v1/auth/login
    json: { email: test@example.com, password: Test123! }
    capture:
      token: $.data.tokens.accessToken
  - name: recipes
    url: /api/v1/recipes
    headers: { Authorization: "Bearer {{ token }}" }
  - name: meal plan
    method: POST
    url: /api/v1/meal-plans
    headers: { Authorization: "Bearer {{ token }}" }
    json: { weekStart: "2025-10-13" }
    expect:
      status: 201
`

const ACCESS_TOKEN = 'meal-planner-smoke-token-0001'

/** What a release does wrong: every answer is a 500 (its analysis fails), or only creating a meal plan fails (its smoke test does). */
type Fault = 'all' | 'meal-plans'

/**
 * The load balancer: requests go to the colors by the listener's weights, spread evenly without
 * randomness (at 10 %, one of every ten consecutive requests reaches green); a color answers as
 * the release its ECS service runs.
 */
function startLoadBalancer(fake: FakeEcsHttp, faults: Map<string, Fault>): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = []
  let counter = 0
  const imageOf = (service: 'api-blue' | 'api-green'): string => {
    const definition = fake.account.definitions.get(fake.account.services[service].taskDefinition)?.definition
    return definition?.containerDefinitions?.[0]?.image ?? ''
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const weight = fake.account.greenWeight()
    const color = Math.floor(((counter + 1) * weight) / 100) > Math.floor((counter * weight) / 100) ? 'green' : 'blue'
    counter++
    const image = imageOf(`api-${color}`)
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-color': color, 'x-image': image }).end(JSON.stringify(body))
    }
    req.resume()
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`.trim())
      if (faults.get(image) === 'all') return reply(500, { error: 'internal' })
      const authorized = req.headers.authorization === `Bearer ${ACCESS_TOKEN}`
      if (req.url === '/health') return reply(200, { status: 'healthy', database: 'healthy' })
      if (req.url === '/') return reply(200, { name: 'meal-planner-api' })
      if (req.method === 'POST' && req.url === '/api/v1/auth/login') return reply(200, { data: { tokens: { accessToken: ACCESS_TOKEN } } })
      if (req.url === '/api/v1/recipes') return authorized ? reply(200, { data: [{ id: 1, title: 'Shakshuka' }] }) : reply(401, { error: 'unauthorized' })
      if (req.method === 'POST' && req.url === '/api/v1/meal-plans' && faults.get(image) === 'meal-plans') return reply(500, { error: 'column "weekStart" does not exist' })
      if (req.method === 'POST' && req.url === '/api/v1/meal-plans') return authorized ? reply(201, { data: { id: 7 } }) : reply(401, { error: 'unauthorized' })
      reply(404, { error: 'not found' })
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })))
}

describe('seed 001 example: the production pipeline on ECS with canary weights, end to end (faked ECS, ELBv2, RDS, Slack; prisma stand-in)', () => {
  let dir: string
  let postgres: Postgres
  let ecs: FakeEcsHttp
  let rds: FakeRds
  let slack: FakeSlack
  let balancer: { server: Server; url: string; seen: string[] }
  const faults = new Map<string, Fault>()
  let runPipeline: (version: string, image: string) => Promise<Record<string, StepResult[]>>
  let first: Awaited<ReturnType<typeof runPipeline>>
  let database: string
  const image = `123456789012.dkr.ecr.us-east-1.amazonaws.com/meal-planner-api@sha256:${'1'.repeat(64)}`
  const sha = 'c0ffee0001c0ffee0001c0ffee0001c0ffee0001'

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'seed-001-'))
    chmodSync(dir, 0o755)
    ;[postgres, ecs, rds, slack] = await Promise.all([startPostgres(), startFakeEcsHttp(), startFakeRds({ pollsUntilDone: 1, instances: ['meal-planner-prod'] }), startFakeSlack()])
    ecs.account.pollsUntilStable = 1
    balancer = await startLoadBalancer(ecs, faults)
    database = postgres.createDatabase('meal_planner')

    const bin = join(dir, 'bin')
    const options = jobOptions(dir, {
      PATH: `${bin}:${process.env.PATH}`,
      PRISMA_STANDIN: join(dir, 'prisma-standin'),
      GITHUB_REPOSITORY: 'acme/meal-planner',
      GITHUB_RUN_ID: '1001',
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      ...ecs.env,
      AWS_ENDPOINT_URL_RDS: rds.endpoint
    })
    const { workspace } = options
    // The caller's repository, as checkout would leave it: package.json, Prisma's migrations, the smoke checks.
    mkdirSync(join(workspace, 'prisma', 'migrations', '20240101000000_init'), { recursive: true })
    writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'meal-planner-api', private: true, devDependencies: { prisma: '6.0.0' } }))
    writeFileSync(join(workspace, 'prisma', 'schema.prisma'), 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n')
    writeFileSync(
      join(workspace, 'prisma', 'migrations', '20240101000000_init', 'migration.sql'),
      'CREATE TABLE "Recipe" (id SERIAL PRIMARY KEY, title TEXT NOT NULL);\nCREATE TABLE "MealPlan" (id SERIAL PRIMARY KEY, "weekStart" DATE NOT NULL);\n'
    )
    writeSmokeChecks(workspace, 'login.yml', SMOKE_CHECKS)
    mkdirSync(bin)
    writeFileSync(join(bin, 'npm'), FAKE_NPM, { mode: 0o755 })
    writeFileSync(join(dir, 'prisma-standin'), PRISMA_STANDIN, { mode: 0o755 })

    // The caller's job: its `with:` evaluated against what the image job recorded, then the call's defaults.
    const callerContext = { needs: { image: { outputs: { image } } }, github: { sha }, secrets: {} }
    const given = callerWith(production, callerContext)
    const [target] = JSON.parse(given.targets) as Record<string, string>[]
    given.targets = JSON.stringify([{ ...target, url: `${balancer.url}/` }])
    given['swap-bake'] = '2s'
    given['slack-api-url'] = slack.apiUrl
    given['slack-channel'] = SLACK_CHANNEL_ID
    const recorded = callContext(call, given, { DATABASE_URL: database, SLACK_BOT_TOKEN: SLACK_TOKEN }, sha)

    // Each release: its commit and image; the rollback job's own `if:` (failure() || cancelled()) decides whether it runs after the deploy job.
    runPipeline = (version, release) => runDeployCall(call.called, { ...recorded, inputs: { ...recorded.inputs, version, image: release }, github: { sha: version } }, options)

    first = await runPipeline(sha, image)
  }, 300_000)

  afterAll(async () => {
    balancer?.server.close()
    await Promise.all([postgres?.stop(), ecs?.stop(), rds?.stop(), slack?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  it("the example's production target names the account's listener and target groups", () => {
    const [target] = JSON.parse(production.with!.targets as string) as Record<string, string>[]
    expect(target).toMatchObject({ 'ecs-listener': LISTENER, 'ecs-blue-target-group': TARGET_GROUPS.blue, 'ecs-green-target-group': TARGET_GROUPS.green })
  })

  it('runs every step of the start, deploy and finish jobs; no rollback job', () => {
    expect(failedSteps(first)).toEqual([])
    expect(first.deploy.map((r) => [r.label, r.outcome])).toEqual(deploySteps({ promote: 'skipped' }))
    expect(first.rollback).toBeUndefined()
    expect(first.finish.find((r) => r.label === 'result')!.outputs.result).toBe('success')
  })

  it('took an RDS snapshot of meal-planner-prod and waited until it was available, before migrating', () => {
    const backup = first.deploy.find((r) => r.label === 'backup')!
    const snapshot = rds.snapshots().find((s) => s.id === backup.outputs['backup-id'])
    expect(snapshot).toMatchObject({ source: 'meal-planner-prod', status: 'available', type: 'manual' })
    const actions = rds.requests.map((r) => r.action)
    expect(actions).toContain('CreateDBSnapshot')
    expect(actions.lastIndexOf('DescribeDBSnapshots')).toBeGreaterThan(actions.indexOf('CreateDBSnapshot'))
  })

  it('applied the Prisma migration to the real database', () => {
    expect(first.deploy.find((r) => r.label === 'migrate')!.outputs['applied-count']).toBe('1')
    expect(postgres.sql("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'", 'meal_planner')).toBe(
      'MealPlan,Recipe,_prisma_migrations'
    )
  })

  it('registered the image as a new revision on green and moved the listener 10 → 25 → 50 → 100', async () => {
    expect(ecs.account.calls.filter((c) => /^(RegisterTaskDefinition|UpdateService|ModifyListener)/.test(c))).toEqual([
      `RegisterTaskDefinition ${image}`,
      'UpdateService api-green meal-planner-api:8 desired=2',
      'ModifyListener green=10',
      'ModifyListener green=25',
      'ModifyListener green=50',
      'ModifyListener green=100'
    ])
    expect(first.deploy.find((r) => r.label === 'swap')!.outputs).toMatchObject({ outcome: 'promoted', 'active-color': 'green', 'active-version': sha })
    const response = await fetch(`${balancer.url}/health`)
    expect(response.headers.get('x-image')).toBe(image)
  })

  it('ran the login-token smoke checks through the load balancer, the token carried into later checks', () => {
    expect(balancer.seen).toEqual(expect.arrayContaining(['POST /api/v1/auth/login', `GET /api/v1/recipes Bearer ${ACCESS_TOKEN}`, `POST /api/v1/meal-plans Bearer ${ACCESS_TOKEN}`]))
  })

  it('posted one Slack message at the start and updated it with the result', () => {
    expect(slack.calls().map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update'])
    const [message] = [...slack.messages.values()]
    expect(message.updates).toBe(1)
    expect(JSON.stringify(message)).toContain(sha.slice(0, 7))
  })

  it('never printed the Slack token or the login token the smoke checks captured', () => {
    const logs = [...first.start, ...first.deploy, ...first.finish].map((r) => r.log).join('\n')
    expect(logs).toContain('Applying migration')
    expect(logs).not.toContain(SLACK_TOKEN)
    expect(logs).not.toContain(ACCESS_TOKEN)
  })

  describe('a broken release: green fails its analysis at 10 %, traffic goes back and the rollback job makes sure', () => {
    const broken = 'bad0000001bad0000001bad0000001bad0000001'
    const brokenImage = `123456789012.dkr.ecr.us-east-1.amazonaws.com/meal-planner-api@sha256:${'b'.repeat(64)}`
    let second: Awaited<ReturnType<typeof runPipeline>>
    let callsBefore: number

    beforeAll(async () => {
      faults.set(brokenImage, 'all')
      callsBefore = ecs.account.calls.length
      second = await runPipeline(broken, brokenImage)
    }, 300_000)

    it('the deploy job fails at the switch: snapshot and migrate ran, the smoke test did not', () => {
      expect(Object.fromEntries(second.deploy.map((r) => [r.label, r.outcome]))).toMatchObject({ backup: 'success', migrate: 'success', swap: 'failure', 'Smoke test': 'skipped' })
      const swap = second.deploy.find((r) => r.label === 'swap')!
      expect(swap.outputs['rolled-back']).toBe('true')
      expect(swap.log).toMatch(/error rate/i)
    })

    it('the new release went to the idle color (blue now), got 10 %, and every request went back to the color serving the release before', async () => {
      expect(ecs.account.calls.slice(callsBefore).filter((c) => /^(RegisterTaskDefinition|ModifyListener)/.test(c))).toEqual([
        `RegisterTaskDefinition ${brokenImage}`,
        'ModifyListener green=90',
        'ModifyListener green=100'
      ])
      expect(ecs.account.greenWeight()).toBe(100)
      const response = await fetch(`${balancer.url}/health`)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-image')).toBe(image)
    })

    it('the rollback job ran (its if: failure()) and every step of it succeeded, leaving the listener as it was', () => {
      expect(second.rollback).toBeDefined()
      expect(failedIn(second.rollback)).toEqual([])
      expect(second.rollback.find((r) => r.label.startsWith('Switch traffic back'))!.outcome).toBe('success')
      expect(ecs.account.greenWeight()).toBe(100)
    })

    it("the finish job reports rolled_back and the failure notification updates the run's Slack message", () => {
      expect(second.finish.find((r) => r.label === 'result')!.outputs.result).toBe('rolled_back')
      expect(second.finish.every((r) => r.outcome === 'success')).toBe(true)
      const calls = slack.calls().slice(2)
      expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update'])
      const message = slack.messages.get(String(calls[1].args.ts))!
      expect(message.updates).toBe(1)
      expect(JSON.stringify(message).toLowerCase()).toMatch(/rolled.back/)
      expect(JSON.stringify(message)).toContain(broken.slice(0, 7))
    })
  })

  describe('a release that passes its analysis but fails the smoke test: the rollback job switches the listener back', () => {
    const release = 'bad0000002bad0000002bad0000002bad0000002'
    const releaseImage = `123456789012.dkr.ecr.us-east-1.amazonaws.com/meal-planner-api@sha256:${'c'.repeat(64)}`
    let third: Awaited<ReturnType<typeof runPipeline>>
    let callsBefore: number
    let slackCallsBefore: number

    beforeAll(async () => {
      faults.set(releaseImage, 'meal-plans')
      callsBefore = ecs.account.calls.length
      slackCallsBefore = slack.calls().length
      third = await runPipeline(release, releaseImage)
    }, 300_000)

    it('the switch promoted the release (blue, every step passed), then the smoke test failed', () => {
      expect(Object.fromEntries(third.deploy.map((r) => [r.label, r.outcome]))).toMatchObject({ backup: 'success', migrate: 'success', swap: 'success', 'Smoke test': 'failure' })
      expect(third.deploy.find((r) => r.label === 'swap')!.outputs).toMatchObject({ outcome: 'promoted', 'active-color': 'blue', 'active-version': release, 'previous-color': 'green' })
      expect(third.deploy.find((r) => r.label === 'Smoke test')!.log).toContain('meal plan')
    })

    it("the rollback job's switch moved every request back to green, still running the release before", async () => {
      const switchBack = third.rollback.find((r) => r.label.startsWith('Switch traffic back'))!
      expect(switchBack.outcome).toBe('success')
      expect(switchBack.outputs).toMatchObject({ outcome: 'rolled-back', 'active-color': 'green', 'active-version': sha, 'rolled-back': 'true' })
      expect(ecs.account.calls.slice(callsBefore).filter((c) => /^ModifyListener/.test(c))).toEqual([
        'ModifyListener green=90',
        'ModifyListener green=75',
        'ModifyListener green=50',
        'ModifyListener green=0',
        'ModifyListener green=100'
      ])
      expect(ecs.account.greenWeight()).toBe(100)
      const response = await fetch(`${balancer.url}/health`)
      expect(response.headers.get('x-image')).toBe(image)
    })

    it('the finish job reports rolled_back and updates the Slack message it started', () => {
      expect(third.finish.find((r) => r.label === 'result')!.outputs.result).toBe('rolled_back')
      const calls = slack.calls().slice(slackCallsBefore)
      expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update'])
      expect(JSON.stringify(slack.messages.get(String(calls[1].args.ts))).toLowerCase()).toMatch(/rolled.back/)
    })
  })
})
