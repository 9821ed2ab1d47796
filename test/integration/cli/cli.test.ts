import { readdirSync, existsSync, readFileSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { repoRoot } from '../../support/paths.js'
import { startRecorder, type Recorder } from '../../support/fakes/http-recorder.js'
import { GITHUB_TOKEN, startFakeGitHub } from '../../support/fakes/github-api.js'
import { startSampleApp, type SampleApp } from '../../support/services/sample-app.js'
import { loadActionMetadata } from '../../support/runner.js'
import { cli, filesUnder, workspace } from './support.js'

/** Every action folder with an action.yml, in the CLI's (alphabetical) order. */
const ACTIONS = readdirSync(join(repoRoot, 'actions'))
  .filter((name) => existsSync(join(repoRoot, 'actions', name, 'action.yml')))
  .sort()
  .join(', ')

// The CLI run as a user runs it (node bin/deploy-actions.mjs in a folder of their own), against
// real loopback services: the sample app, an HTTP receiver, and GitHub's REST API faked at HTTP level.
describe('deploy-actions CLI: help, the action list and malformed command lines', () => {
  let cwd: string
  beforeAll(async () => {
    cwd = await workspace()
  })
  afterAll(async () => rm(cwd, { recursive: true, force: true }))

  it('--help lists every action folder under actions/ with its description', async () => {
    const run = await cli(['--help'], { cwd })
    expect(run.code).toBe(0)
    const folders = readdirSync(join(repoRoot, 'actions')).filter((name) => existsSync(join(repoRoot, 'actions', name, 'action.yml')))
    expect(folders.length).toBeGreaterThanOrEqual(4)
    for (const name of folders) {
      const description = String((parse(readFileSync(join(repoRoot, 'actions', name, 'action.yml'), 'utf8')) as { description: string }).description)
      expect(run.stdout).toMatch(new RegExp(`^  ${name} +${description.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'))
    }
  })

  it('<action> --help lists the inputs with their defaults, and the outputs, from action.yml', async () => {
    const run = await cli(['notify', '--help'], { cwd })
    expect(run.code).toBe(0)
    const meta = parse(readFileSync(join(repoRoot, 'actions', 'notify', 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown> }
    const [inputsPart, outputsPart] = run.stdout.split('\nOutputs:\n')
    for (const name of Object.keys(meta.inputs)) expect(inputsPart).toMatch(new RegExp(`^  ${name} `, 'm'))
    for (const name of Object.keys(meta.outputs)) expect(outputsPart).toMatch(new RegExp(`^  ${name} `, 'm'))
    expect(inputsPart).toMatch(/^ {2}channels +\(required\) Where to notify/m)
    expect(inputsPart).toMatch(/^ {2}attempts +\(default: 4\) Attempts per request/m)
  })

  it('node scripts/run-local.mjs (npm run local) is the same CLI', async () => {
    const run = await cli(['notify', '--help'], { cwd, entry: 'scripts/run-local.mjs' })
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n')[0]).toMatch(/^deploy-actions notify — /)
  })

  it.each([
    [['nope'], `deploy-actions: unknown action "nope": expected one of ${ACTIONS}`],
    [[], `deploy-actions: no action given: expected one of ${ACTIONS}`],
    [['smoke-test', '--input', 'url'], 'deploy-actions: --input "url" has no "=": expected --input name=value'],
    [['smoke-test', '--input', 'Bearer xoxb-SECRET-42'], 'deploy-actions: an --input value has no "=" (not shown: it may be a secret): expected --input name=value'],
    [['smoke-test', '--input'], 'deploy-actions: --input needs a value: expected --input name=value'],
    [['smoke-test', '--inputs-file'], 'deploy-actions: --inputs-file needs a value: expected --inputs-file inputs.yml'],
    [['smoke-test', '--retries', '3'], 'deploy-actions: unknown option --retries: see deploy-actions --help'],
    [['smoke-test', 'url=http://x'], 'deploy-actions: unexpected argument "url=http://x" after the action "smoke-test": inputs are given as --input name=value'],
    [['smoke-test', '--input', 'url=a', '--input', 'url=b'], 'deploy-actions: input "url" is given twice: expected each input once (--input or --input-file)'],
    [['smoke-test', '--input', 'url=${{ secrets.NOT_SET }}'], 'deploy-actions: input "url" uses secrets.NOT_SET, which is not set: export NOT_SET or put it in an --env-file'],
    [['smoke-test', '--input', 'url=${{ steps.x.outputs.url }}'], 'deploy-actions: input "url" uses ${{ steps.x.outputs.url }}, which the CLI cannot evaluate']
  ])('%p is rejected with one line and exit code 2, before the action runs', async (args, line) => {
    const run = await cli(args, { cwd })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(line)])
    expect(run.stderr).not.toContain('SECRET-42')
    expect(existsSync(join(cwd, '.deploy-actions'))).toBe(false)
  })

  it('an --inputs-file that cannot be read names its absolute path; a missing --env-file stops before the action runs', async () => {
    const inputsRun = await cli(['smoke-test', '--inputs-file', 'inputs.yml'], { cwd })
    expect(inputsRun.code).toBe(2)
    expect(inputsRun.stderr.trim()).toBe(`deploy-actions: --inputs-file cannot be read at ${join(cwd, 'inputs.yml')} (ENOENT)`)
    // Node itself looks for an --env-file anywhere on its command line (nodejs/node#54232) and
    // ends with exit code 9 and one line naming the file, before our code starts.
    const envRun = await cli(['smoke-test', '--env-file', 'missing/.env', '--input', 'url=http://127.0.0.1:9/'], { cwd })
    expect(envRun.code).not.toBe(0)
    expect(envRun.stdout).toBe('')
    expect(envRun.stderr.trim().split('\n')).toEqual([expect.stringContaining('missing/.env')])
  })
})

describe('deploy-actions CLI runs the action as the runner does (sample app and receivers on loopback)', () => {
  let app: SampleApp
  let receiver: Recorder
  let cwd: string
  beforeAll(async () => {
    app = await startSampleApp()
    receiver = await startRecorder()
    cwd = await workspace()
  })
  afterAll(async () => {
    await app.stop()
    await receiver.stop()
    await rm(cwd, { recursive: true, force: true })
  })

  it('the shipped sample’s checks file runs by hand: relative path from the current folder, {{ env.X }} from --env-file, reports kept', async () => {
    await mkdir(join(cwd, 'deploy'), { recursive: true })
    await writeFile(join(cwd, 'deploy', 'smoke.yml'), readFileSync(join(repoRoot, 'test', 'fixtures', 'sample-app', 'smoke-checks.yml')))
    await writeFile(join(cwd, '.env'), '# the login password\nexport DEMO_PASSWORD="demo-password"\n')
    await writeFile(join(cwd, 'inputs.yml'), `with:\n  checks-file: deploy/smoke.yml\n  base-url: ${app.url}\n  retries: 0\n`)
    const run = await cli(['smoke-test', '--inputs-file', 'inputs.yml', '--env-file', '.env', '--input', 'retries=1', '--out-dir', 'out'], { cwd })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^✓ login/m)
    // Outputs: a table, and the reports the outputs name are copies kept in the out dir.
    const outputs = JSON.parse(readFileSync(join(cwd, 'out', 'outputs.json'), 'utf8')) as Record<string, string>
    expect(outputs).toMatchObject({ passed: '6', failed: '0', report: join(cwd, 'out', 'reports', 'smoke-test-report.json'), junit: join(cwd, 'out', 'reports', 'smoke-test-junit.xml') })
    expect(JSON.parse(readFileSync(outputs.report, 'utf8'))).toMatchObject({ tool: expect.anything(), passed: true })
    expect(run.stdout).toContain(`Reports: ${outputs.report}, ${outputs.junit}`) // the log names the kept copies, not the deleted temporary files
    expect(run.stdout).toMatch(/^Outputs\n═+\noutput +value\n─+ +─+\npassed +6\n/m)
    expect(run.stdout).toContain(`report         ${outputs.report}`)
    // The job summary: rendered text, kept as Markdown.
    expect(readFileSync(join(cwd, 'out', 'summary.md'), 'utf8')).toMatch(/^\|/m)
    const rendered = run.stdout.slice(run.stdout.indexOf('Job summary'))
    expect(rendered).not.toMatch(/^\|/m)
    expect(rendered).not.toContain('```')
    expect(rendered).toMatch(/[▁▂▃▄▅▆▇█]{6}/) // the latency chart as a sparkline
    expect(run.stdout).toContain('Kept in ./out: outputs.json, summary.md, reports/smoke-test-report.json, reports/smoke-test-junit.xml')
    expect(run.stdout.trimEnd().endsWith('smoke-test succeeded')).toBe(true)
  })

  it('relative paths resolve against the current folder; one that does not exist is reported with the absolute path looked at (exit code 1, the action’s)', async () => {
    await writeFile(join(cwd, 'deploy', 'slack.json'), JSON.stringify({ text: '{{title}} ({{service}})' }))
    const inputs = ['--input', 'channels=slack', '--input', 'environment=production', '--input', 'service=api', '--input', `slack-webhook-url=${receiver.url}/services/T1/B1/x`]
    const found = await cli(['notify', ...inputs, '--input', 'payload-file=deploy/slack.json', '--out-dir', 'out-rel'], { cwd })
    expect(found.code).toBe(0)
    expect(receiver.requests.map((r) => r.json())).toEqual([{ text: '✅ api is live on production (api)' }]) // job-status: ${{ job.status }} is "success" locally
    receiver.reset()
    const missing = await cli(['notify', ...inputs, '--input', 'payload-file=deploy/nope.json', '--out-dir', 'out-missing'], { cwd })
    expect(missing.code).toBe(1)
    expect(missing.stdout.split('\n').filter((l) => l.startsWith('Error: '))).toEqual([
      `Error: Input "payload-file" cannot be read at ${join(cwd, 'deploy', 'nope.json')} (ENOENT); expected a JSON or YAML file with the Slack message, relative to the workspace.`
    ])
    expect(missing.stdout).not.toContain('::error')
    expect(receiver.requests).toEqual([])
  })

  it('warns about an undeclared input in the runner’s words, and still runs', async () => {
    const run = await cli(['smoke-test', '--input', `url=${app.url}/health/live`, '--input', 'retires=3', '--out-dir', 'out-warn'], { cwd })
    expect(run.code).toBe(0)
    // The runner lists the action's declared inputs in action.yml order.
    const declared = Object.keys(loadActionMetadata('smoke-test').inputs)
    expect(declared).toEqual(expect.arrayContaining(['url', 'retries', 'report-dir']))
    expect(run.stdout.split('\n')[0]).toBe(`Warning: Unexpected input(s) 'retires', valid inputs are [${declared.map((name) => `'${name}'`).join(', ')}]`)
  })

  it('exit codes are the action’s: 1 for a failed check, 1 for a bad input (one annotation line), 0 for success', async () => {
    const failed = await cli(['smoke-test', '--input', `url=${app.url}/no-such-page`, '--out-dir', 'out-fail'], { cwd })
    expect(failed.code).toBe(1)
    expect(failed.stdout.trimEnd().endsWith('smoke-test failed (exit code 1)')).toBe(true)
    const bad = await cli(['notify', '--input', 'channels=pager', '--input', 'environment=production', '--out-dir', 'out-bad'], { cwd })
    expect(bad.code).toBe(1)
    expect(bad.stdout.split('\n').filter((l) => l.startsWith('Error: '))).toEqual([
      'Error: Input "channels" has "pager", which is not a channel; expected one or more of slack, teams, discord, webhook, email, github.'
    ])
    expect(receiver.requests).toEqual([])
  })

  it('passes the caller’s environment through: GITHUB_TOKEN becomes the github.token default, GITHUB_API_URL from --env-file reaches Octokit (GitHub REST API faked at HTTP level)', async () => {
    const github = await startFakeGitHub('octo-org', 'shop')
    await writeFile(join(cwd, 'github.env'), `GITHUB_API_URL=${github.url}\nGITHUB_REPOSITORY=octo-org/shop\n`)
    const run = await cli(
      [
        'notify',
        '--env-file',
        'github.env',
        '--input',
        'channels=github',
        '--input',
        'environment=staging',
        '--input',
        'status=success',
        '--input',
        'sha=c0ffee1234567890c0ffee1234567890c0ffee12',
        '--out-dir',
        'out-gh'
      ],
      { cwd, env: { GITHUB_TOKEN, GITHUB_SERVER_URL: 'https://github.example.com' } }
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(github.recorder.requests.length).toBeGreaterThan(0)
    expect(github.recorder.requests.every((r) => r.headers.authorization === `token ${GITHUB_TOKEN}`)).toBe(true)
    expect(github.commitStatuses).toEqual([expect.objectContaining({ context: 'deploy/staging', state: 'success', target_url: 'https://github.example.com/octo-org/shop/actions/runs/0' })])
    expect(run.stdout).not.toContain(GITHUB_TOKEN)
    await github.stop()
  })

  it('Ctrl-C reaches the action once; the CLI waits for it, keeps what there is, and exits non-zero', async () => {
    const run = await cli(['smoke-test', '--input', 'url=http://127.0.0.1:9/health', '--input', 'wait-for=http://127.0.0.1:9/ready', '--input', 'wait-timeout=60s', '--out-dir', 'out-int'], {
      cwd,
      interruptWhen: 'not ready (attempt 2'
    })
    expect([1, 130]).toContain(run.code) // 1 when the action handles the cancellation itself, 130 when the signal ended it
    expect(run.stdout).toMatch(/^smoke-test (failed \(exit code 1\)|ended by SIGINT)$/m)
    expect(existsSync(join(cwd, 'out-int', 'outputs.json'))).toBe(true)
  })

  it('--event gives the action its event: a pull_request event makes notify comment on that pull request about its head commit', async () => {
    const github = await startFakeGitHub('octo-org', 'shop')
    const head = 'c0ffee1234567890c0ffee1234567890c0ffee12'
    await writeFile(join(cwd, 'pr.json'), JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: head } } }))
    const run = await cli(['notify', '--event', 'pr.json', '--input', 'channels=github', '--input', 'environment=preview', '--input', 'github-deployment=off', '--out-dir', 'out-event'], {
      cwd,
      env: { GITHUB_TOKEN, GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'octo-org/shop', GITHUB_EVENT_NAME: 'pull_request' }
    })
    expect(run.code).toBe(0)
    expect(github.commitStatuses.map((s) => s.sha)).toEqual([head])
    expect(github.comments.get(7)).toEqual([expect.objectContaining({ body: expect.stringContaining('<!-- deploy-actions:notify:preview -->') })])
    expect(run.stdout).toMatch(/^comment-id +\d+$/m)
    await github.stop()
    await writeFile(join(cwd, 'bad-event.json'), 'action: opened\n')
    const bad = await cli(['notify', '--event', 'bad-event.json', '--input', 'channels=github'], { cwd })
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^deploy-actions: --event ${join(cwd, 'bad-event.json')} is not valid JSON \\(`))])
  })

  it('keeps everything under ./.deploy-actions/<action>-<time>/ by default', async () => {
    const run = await cli(['smoke-test', '--input', `url=${app.url}/health/live`], { cwd })
    expect(run.code).toBe(0)
    const [folder] = readdirSync(join(cwd, '.deploy-actions'))
    expect(folder).toMatch(/^smoke-test-\d{8}T\d{6}Z$/)
    expect(
      Object.keys(filesUnder(join(cwd, '.deploy-actions', folder)))
        .map((p) => p.slice(p.indexOf(folder) + folder.length + 1))
        .sort()
    ).toEqual(['outputs.json', 'reports/smoke-test-junit.xml', 'reports/smoke-test-report.json', 'summary.md'])
    expect(run.stdout).toContain(`Kept in ./.deploy-actions/${folder}: outputs.json, summary.md`)
  })
})
