import { writeFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cleanup, runAction } from '../../support/runner.js'
import { startRecorder, type Recorder } from '../../support/fakes/http-recorder.js'
import { GITHUB_TOKEN, startFakeGitHub, type FakeGitHub } from '../../support/fakes/github-api.js'
import { SLACK_TOKEN, startFakeSlack, type FakeSlack } from '../../support/fakes/slack-api.js'
import { freePort } from '../../support/services/free-port.js'
import { startSampleApp, type SampleApp } from '../../support/services/sample-app.js'
import { startSmtp, type Smtp } from '../../support/services/smtp.js'
import { cli, filesUnder, leaks, workspace } from './support.js'

// Every kind of secret each action takes, given as a canary value: it must never show in what the
// CLI prints (stdout, stderr) or keeps (outputs.json, summary.md, reports). Some are given through
// ${{ secrets.X }} (masked by the CLI from the start, as the runner masks secrets.*), others as
// plain --input values, which only the action's own ::add-mask:: commands can hide — the first
// test shows those commands carry the canaries, so the CLI must consume them.
describe('deploy-actions CLI masks every secret kind of every action (canaries; receivers on loopback, Slack and GitHub faked at HTTP level)', () => {
  let cwd: string
  let receiver: Recorder
  let slack: FakeSlack
  let github: FakeGitHub
  let smtp: Smtp
  let app: SampleApp
  const webhookPath = '/hooks/Canary-webhook-path-7d1'
  const webhookSecret = 'Canary-webhook-hmac-secret-52c'
  const smtpPassword = 'Canary-smtp-password-0e9'
  beforeAll(async () => {
    cwd = await workspace()
    receiver = await startRecorder()
    slack = await startFakeSlack()
    github = await startFakeGitHub()
    smtp = await startSmtp({ username: 'deploybot', password: smtpPassword, insecureAuth: true })
    app = await startSampleApp()
    await writeFile(join(cwd, 'webhook-secret.txt'), `${webhookSecret}\n`)
  })
  afterAll(async () => {
    for (const service of [receiver, slack, github, smtp, app]) await service.stop()
    await rm(cwd, { recursive: true, force: true })
  })

  const notifyArgs = () => [
    'notify',
    '--input',
    'channels=webhook, slack, github, email',
    '--input',
    'environment=production',
    '--input',
    'status=success',
    '--input',
    `webhook-url=${receiver.url}${webhookPath}`,
    '--input-file',
    'webhook-secret=webhook-secret.txt',
    '--input',
    'slack-token=${{ secrets.SLACK_BOT_TOKEN }}',
    '--input',
    'slack-channel=C0DEPLOYS1',
    '--input',
    `slack-api-url=${slack.apiUrl}`,
    '--input',
    'github-pr-comment=off',
    '--input',
    `smtp-host=${smtp.host}`,
    '--input',
    `smtp-port=${smtp.port}`,
    '--input',
    'smtp-security=none',
    '--input',
    'smtp-username=deploybot',
    '--input',
    `smtp-password=${smtpPassword}`,
    '--input',
    'email-from=deploys@example.com',
    '--input',
    'email-to=ops@example.com'
  ]
  const notifyEnv = () => ({
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    GITHUB_TOKEN,
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'octo-org/shop',
    GITHUB_SHA: 'c0ffee1234567890c0ffee1234567890c0ffee12'
  })
  const notifyCanaries = [webhookPath.slice(7), webhookSecret, SLACK_TOKEN, GITHUB_TOKEN, smtpPassword]

  it('control: the action’s own output carries ::add-mask:: lines with the canaries (so the CLI has something to hide)', async () => {
    const raw = await runAction({
      action: 'notify',
      inputs: { channels: 'webhook', environment: 'production', status: 'success', 'webhook-url': `${receiver.url}${webhookPath}`, 'webhook-secret': webhookSecret }
    })
    expect(raw.exitCode).toBe(0)
    expect(raw.stdout).toContain(`::add-mask::${receiver.url}${webhookPath}`)
    expect(raw.stdout).toContain(`::add-mask::${webhookSecret}`)
    await cleanup(raw)
  })

  it('notify: webhook URL, webhook secret (from a file), Slack token (secrets.*), GitHub token (GITHUB_TOKEN), SMTP password — all delivered, none shown', async () => {
    const run = await cli([...notifyArgs(), '--out-dir', 'out-notify'], { cwd, env: notifyEnv() })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(JSON.parse(/delivered +(\{.*\})/.exec(run.stdout)![1])).toEqual({ webhook: true, slack: true, github: true, email: true })
    expect(receiver.requests[0].headers['x-deploy-signature']).toMatch(/^sha256=[0-9a-f]{64}$/)
    expect(smtp.messages[0].user).toBe('deploybot')
    expect(run.stdout).not.toContain('::add-mask::')
    expect(leaks(run, join(cwd, 'out-notify'), notifyCanaries)).toEqual([])
  })

  it('smoke-test: Authorization and a secret-headers header, and the login token captured by the sample suite', async () => {
    const bearer = 'Canary-bearer-token-4f2'
    const apiKey = 'Canary-api-key-9a8'
    await writeFile(
      join(cwd, 'smoke.yml'),
      [
        'checks:',
        '  - name: login',
        '    method: POST',
        '    url: /api/auth/login',
        '    json: { email: demo@example.com, password: "{{ env.DEMO_PASSWORD }}" }',
        '    capture: { token: $.data.tokens.accessToken }',
        '  - name: my profile',
        '    url: /api/me',
        '    headers: { Authorization: "Bearer {{ token }}" }',
        '  - name: missing page',
        '    url: /no-such-page',
        ''
      ].join('\n')
    )
    const run = await cli(
      [
        'smoke-test',
        '--input',
        'checks-file=smoke.yml',
        '--input',
        `base-url=${app.url}`,
        '--input',
        `headers=Authorization=Bearer ${bearer}\nX-Api-Key=\${{ secrets.API_KEY }}`,
        '--input',
        'secret-headers=X-Api-Key',
        '--out-dir',
        'out-smoke'
      ],
      { cwd, env: { API_KEY: apiKey, DEMO_PASSWORD: 'demo-password' } }
    )
    expect(run.code).toBe(1) // the missing page fails, so the failure report is written too
    expect(run.stdout).toMatch(/^✓ my profile/m) // the captured token worked
    expect(run.stdout).toContain('reports/smoke-test-report.json')
    expect(leaks(run, join(cwd, 'out-smoke'), [bearer, apiKey])).toEqual([])
    const kept = Object.values(filesUnder(join(cwd, 'out-smoke'))).join('\n')
    expect(`${run.stdout}${run.stderr}${kept}`).not.toMatch(/tok_[0-9a-f]{32}/) // the sample app's random access token
  })

  it('a value given through ${{ secrets.X }} is *** wherever the action prints it, as the runner masks secrets.* (here a version notify puts in its title)', async () => {
    receiver.reset()
    const version = 'Canary-release-name-60d'
    const run = await cli(
      [
        'notify',
        '--input',
        'channels=webhook',
        '--input',
        'environment=production',
        '--input',
        `webhook-url=${receiver.url}/hook`,
        '--input',
        'version=${{ secrets.RELEASE }}',
        '--out-dir',
        'out-version'
      ],
      { cwd, env: { RELEASE: version } }
    )
    expect(run.code).toBe(0)
    expect(receiver.requests[0].json()).toMatchObject({ version }) // sent, as it should be
    expect(run.stdout).toMatch(/^✅ cli-workspace-\w+ \*\*\* is live on production/m) // but never shown (the repository is the folder's name outside a clone)
    expect(leaks(run, join(cwd, 'out-version'), [version])).toEqual([])
  })

  it('migrate: the password in database-url', async () => {
    const password = 'Canary-pg-password-31b'
    const port = await freePort()
    const run = await cli(['migrate', '--input', `database-url=postgres://deployer:${password}@127.0.0.1:${port}/shop`, '--out-dir', 'out-migrate'], { cwd })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^Error: /m)
    expect(leaks(run, join(cwd, 'out-migrate'), [password])).toEqual([])
  })

  it('db-backup: database-url password, encryption key (and its base64 form), AWS keys, Azure SAS token', async () => {
    const password = 'Canary-db-password-8c4'
    const key = 'ca11ab1e'.repeat(8)
    const keyBase64 = Buffer.from(key, 'hex').toString('base64')
    const awsSecret = 'Canary-aws-secret-access-key-77'
    const port = await freePort()
    const s3 = await cli(
      [
        'db-backup',
        '--input',
        `database-url=postgres://deployer:${password}@127.0.0.1:${port}/shop`,
        '--input',
        'destination=s3://backups/shop',
        '--input',
        `s3-endpoint=http://127.0.0.1:${port}`,
        '--input',
        'aws-region=us-east-1',
        '--input',
        'aws-access-key-id=AKIACANARYKEY00001',
        '--input',
        'aws-secret-access-key=${{ secrets.AWS_SECRET_ACCESS_KEY }}',
        '--input',
        `encryption-key=${key}`,
        '--out-dir',
        'out-backup-s3'
      ],
      { cwd, env: { AWS_SECRET_ACCESS_KEY: awsSecret } }
    )
    expect(s3.code).toBe(1)
    expect(leaks(s3, join(cwd, 'out-backup-s3'), [password, key, keyBase64, awsSecret])).toEqual([])
    const sas = 'sv=2024-11-04&ss=b&srt=co&sp=rwdl&sig=Canary-sas-signature-5e'
    const azure = await cli(
      [
        'db-backup',
        '--input',
        `database-url=postgres://deployer:${password}@127.0.0.1:${port}/shop`,
        '--input',
        `destination=https://127.0.0.1:${port}/backups/shop`,
        '--input',
        `azure-sas-token=${sas}`,
        '--out-dir',
        'out-backup-azure'
      ],
      { cwd }
    )
    expect(azure.code).toBe(1)
    expect(leaks(azure, join(cwd, 'out-backup-azure'), [password, sas, 'Canary-sas-signature-5e'])).toEqual([])
  })
})
