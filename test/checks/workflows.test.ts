import { existsSync, readFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { loadActionMetadata } from '../support/runner.js'
import { repoRoot } from '../support/paths.js'
import { interpolate } from '../support/workflow-job.js'
import { shippedWorkflowFiles, workflowsDir, yamlFilesUnder } from './workflow-files.js'

// Every workflow the repository ships (the reusable ones and the seed apps' callers) parses with
// GitHub's own parser, and the files agree with each other: a caller passes only the inputs and
// secrets the called workflow declares, with the declared types and every required one, and a step
// that uses a suite action passes only inputs that action declares (and every required one).

const files = shippedWorkflowFiles()

/** The errors @actions/workflow-parser reports for a workflow's text (parse and conversion). */
async function parserErrors(name: string, content: string): Promise<string[]> {
  const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser')
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter())
  if (result.value) await convertWorkflowTemplate(result.context, result.value)
  return result.context.errors.getErrors().map((e) => e.message)
}

interface DeclaredInput {
  type?: string
  required?: boolean
  default?: unknown
}
interface CalledWorkflow {
  inputs: Record<string, DeclaredInput>
  secrets: Record<string, { required?: boolean }>
}
interface Job {
  uses?: string
  with?: Record<string, unknown>
  secrets?: Record<string, unknown> | 'inherit'
  steps?: { uses?: string; with?: Record<string, unknown>; env?: Record<string, unknown> }[]
}

/** The reusable workflow a job's `uses:` names, when it is one of ours (local path or org/deploy-actions/.github/workflows/…@ref). */
function calledWorkflowFile(uses: string): string | undefined {
  const ours = /^(?:\.\/\.github\/workflows\/|[\w.-]+\/deploy-actions\/\.github\/workflows\/)([\w.-]+\.ya?ml)(?:@.+)?$/.exec(uses)
  return ours ? join(workflowsDir, ours[1]) : undefined
}

function workflowCallOf(file: string): CalledWorkflow {
  const on = (parse(readFileSync(file, 'utf8')) as { on?: Record<string, { inputs?: CalledWorkflow['inputs']; secrets?: CalledWorkflow['secrets'] } | null> }).on ?? {}
  const call = on.workflow_call ?? {}
  return { inputs: call.inputs ?? {}, secrets: call.secrets ?? {} }
}

const isExpression = (value: unknown) => typeof value === 'string' && /^\s*\$\{\{[\s\S]*\}\}\s*$/.test(value)

/** Problems of one caller job against the workflow it calls. Expressions are typed by the runner, so only literals are type-checked. */
export function callProblems(job: Job, called: CalledWorkflow): string[] {
  const problems: string[] = []
  const given = job.with ?? {}
  for (const [name, value] of Object.entries(given)) {
    const spec = called.inputs[name]
    if (!spec) {
      problems.push(`input "${name}" is not declared`)
      continue
    }
    if (isExpression(value)) continue
    const actual = typeof value
    const expected = spec.type === 'boolean' ? 'boolean' : spec.type === 'number' ? 'number' : 'string'
    if (actual !== expected) problems.push(`input "${name}" is a ${actual}, declared ${spec.type}`)
  }
  for (const [name, spec] of Object.entries(called.inputs)) {
    if (spec.required && spec.default === undefined && !(name in given)) problems.push(`required input "${name}" is not passed`)
  }
  if (job.secrets !== 'inherit') {
    const secrets = job.secrets ?? {}
    for (const name of Object.keys(secrets)) if (!called.secrets[name]) problems.push(`secret "${name}" is not declared`)
    for (const [name, spec] of Object.entries(called.secrets)) if (spec?.required && !(name in secrets)) problems.push(`required secret "${name}" is not passed`)
  }
  return problems
}

const suiteAction = /^[\w.-]+\/deploy-actions(?:\/actions\/([a-z-]+))?@/

/** Problems of one step that uses a suite action: inputs it does not declare, required ones missing. */
export function stepProblems(step: { uses: string; with?: Record<string, unknown> }, declared: Record<string, { required?: boolean; default?: unknown }>): string[] {
  const given = step.with ?? {}
  const unknown = Object.keys(given)
    .filter((name) => !(name in declared))
    .map((name) => `input "${name}" is not declared by ${step.uses}`)
  const missing = Object.entries(declared)
    .filter(([name, spec]) => spec.required && spec.default === undefined && !(name in given))
    .map(([name]) => `required input "${name}" of ${step.uses} is not passed`)
  return [...unknown, ...missing]
}

const jobsOf = (file: string) => Object.entries((parse(readFileSync(file, 'utf8')) as { jobs?: Record<string, Job> }).jobs ?? {})

const calls = files.flatMap((file) =>
  jobsOf(file)
    .filter(([, job]) => typeof job.uses === 'string' && calledWorkflowFile(job.uses) !== undefined)
    .map(([id, job]) => ({ where: `${relative(repoRoot, file)} job ${id}`, job, called: calledWorkflowFile(job.uses!)! }))
)

const suiteSteps = files.flatMap((file) =>
  jobsOf(file).flatMap(([id, job]) =>
    (job.steps ?? [])
      .filter((step): step is { uses: string; with?: Record<string, unknown> } => typeof step.uses === 'string' && suiteAction.test(step.uses))
      .map((step, index) => ({ where: `${relative(repoRoot, file)} job ${id} step ${index + 1}`, step }))
  )
)

describe('workflows parse with @actions/workflow-parser', () => {
  it('the parser reports a broken workflow (so this check can fail)', async () => {
    const broken = ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    stepz:', '      - run: true'].join('\n')
    expect((await parserErrors('broken.yml', broken)).length).toBeGreaterThan(0)
  })

  it.each(files.map((f) => [relative(repoRoot, f), f]))('%s has no parser errors', async (name, file) => {
    expect(await parserErrors(name, readFileSync(file, 'utf8'))).toEqual([])
  })
})

describe('callers match the reusable workflows they call', () => {
  it('finds each kind of mismatch', () => {
    const called: CalledWorkflow = {
      inputs: { image: { type: 'string', required: true }, 'max-parallel': { type: 'number', default: 1 }, restore: { type: 'boolean', default: false } },
      secrets: { SSH_KEY: { required: true }, TOKEN: {} }
    }
    const job: Job = { uses: './.github/workflows/x.yml', with: { 'max-parallel': 'two', restore: 'true', colour: 'blue' }, secrets: { PASSWORD: '${{ secrets.P }}' } }
    expect(callProblems(job, called)).toEqual([
      'input "max-parallel" is a string, declared number',
      'input "restore" is a string, declared boolean',
      'input "colour" is not declared',
      'required input "image" is not passed',
      'secret "PASSWORD" is not declared',
      'required secret "SSH_KEY" is not passed'
    ])
    expect(callProblems({ ...job, with: { image: '${{ needs.build.outputs.image }}', 'max-parallel': 2, restore: '${{ inputs.r }}' }, secrets: 'inherit' }, called)).toEqual([])
  })

  it('the examples call the reusable workflows', () => expect(calls.length).toBeGreaterThan(0))

  it.each(calls.map((c) => [c.where, basename(c.called), c]))(
    '%s → %s: grants every permission a job of the called workflow asks for (GitHub refuses the run otherwise)',
    (_where, _called, call) => {
      const { job, called } = call as (typeof calls)[number]
      const granted = (job as { permissions?: Record<string, string> }).permissions ?? {}
      const rank = (level: string | undefined) => ['none', 'read', 'write'].indexOf(level ?? 'none')
      const missing = jobsOf(called).flatMap(([id, calledJob]) =>
        Object.entries((calledJob as { permissions?: Record<string, string> }).permissions ?? {})
          .filter(([scope, level]) => rank(granted[scope]) < rank(level))
          .map(([scope, level]) => `job ${id} asks ${scope}: ${level}`)
      )
      expect(missing).toEqual([])
    }
  )

  it.each(calls.map((c) => [c.where, basename(c.called), c]))('%s → %s', (_where, _called, call) => {
    const { job, called } = call as (typeof calls)[number]
    expect(existsSync(called)).toBe(true)
    expect(callProblems(job, workflowCallOf(called))).toEqual([])
  })
})

describe('suite actions used in workflows and examples', () => {
  it('finds an undeclared input and a missing required one', () => {
    expect(stepProblems({ uses: 'org/deploy-actions/actions/x@v1', with: { colour: 'blue' } }, { provider: { required: true }, colour2: {} })).toEqual([
      'input "colour" is not declared by org/deploy-actions/actions/x@v1',
      'required input "provider" of org/deploy-actions/actions/x@v1 is not passed'
    ])
  })

  it('there are such steps', () => expect(suiteSteps.length).toBeGreaterThan(5))

  it.each(suiteSteps.map((s) => [s.where, s.step.uses, s.step]))('%s: %s passes only declared inputs', (_where, uses, step) => {
    const name = suiteAction.exec(uses as string)![1] ?? 'root'
    const declared = loadActionMetadata(name).inputs as Record<string, { required?: boolean; default?: unknown }>
    expect(stepProblems(step as { uses: string; with?: Record<string, unknown> }, declared)).toEqual([])
  })
})

describe('docs/workflows', () => {
  const reusable = yamlFilesUnder(workflowsDir).filter((file) => 'workflow_call' in ((parse(readFileSync(file, 'utf8')) as { on?: object }).on ?? {}))

  it.each(reusable.map((f) => [basename(f)]))('%s has a page with its generated tables', (file) => {
    const page = join(repoRoot, 'docs', 'workflows', file.replace(/\.ya?ml$/, '.md'))
    expect(existsSync(page)).toBe(true)
    expect(readFileSync(page, 'utf8')).toContain('<!-- generated:workflow-call:start')
  })

  it('deploy-production.md draws the pipeline with its rollback job', () => {
    const page = readFileSync(join(repoRoot, 'docs', 'workflows', 'deploy-production.md'), 'utf8')
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(page)?.[1] ?? ''
    expect(diagram).toMatch(/rollback/)
    expect(diagram).toMatch(/mode: rollback/)
    expect(diagram).toMatch(/db-backup mode: restore/)
  })
})

// A target's fields reach the actions only where the called workflow reads `matrix.target.<field>`:
// a field it does not read would be ignored silently.
export function unreadTargetFields(targetsJson: string, calledSource: string): string[] {
  const read = new Set([...calledSource.matchAll(/matrix\.target\.([\w-]+)/g)].map((m) => m[1]))
  const targets = JSON.parse(targetsJson) as Record<string, unknown>[]
  return [...new Set(targets.flatMap((t) => Object.keys(t)))].filter((field) => !read.has(field))
}

describe('targets passed by the examples', () => {
  it('finds a field the called workflow does not read', () => {
    expect(unreadTargetFields('[{"name":"a","url":"u","colour":"blue"}]', 'x: ${{ matrix.target.name }} ${{ matrix.target.url }}')).toEqual(['colour'])
  })

  const literalTargets = calls.filter((c) => typeof c.job.with?.targets === 'string' && !isExpression(c.job.with.targets))
  it('there are some', () => expect(literalTargets.length).toBeGreaterThan(0))

  it.each(literalTargets.map((c) => [c.where, c]))('%s: every target field is read by the called workflow', (_where, call) => {
    const { job, called } = call as (typeof calls)[number]
    expect(unreadTargetFields(job.with!.targets as string, readFileSync(called, 'utf8'))).toEqual([])
  })
})

// The traffic switch takes each target field as the blue-green-swap input of the same name, so a
// target is written with the names the action documents; the target's `url` is the one exception
// (the address users reach: `public-url`, or the provider's own `*-public-url`).
export function misnamedTargetInputs(given: Record<string, unknown>): string[] {
  return Object.entries(given).flatMap(([input, value]) =>
    [...String(value).matchAll(/matrix\.target\.([\w-]+)/g)]
      .map((m) => m[1])
      .filter((field) => field !== input && !(field === 'url' && /(^|-)public-url$/.test(input)))
      .map((field) => `${input} reads matrix.target.${field}`)
  )
}

// A provider's secret reaches the traffic switch as that provider's input, and only when it is the chosen one.
const PROVIDER_SECRETS: Record<string, { input: string; provider: string }> = {
  VERCEL_TOKEN: { input: 'vercel-token', provider: 'vercel' },
  RAILWAY_TOKEN: { input: 'railway-token', provider: 'railway' },
  RENDER_API_KEY: { input: 'render-api-key', provider: 'render' },
  SSH_PRIVATE_KEY: { input: 'ssh-key', provider: 'host' },
  SSH_KNOWN_HOSTS: { input: 'known-hosts', provider: 'host' }
}

export function providerSecretProblems(step: { with?: Record<string, unknown>; env?: Record<string, unknown> }): string[] {
  const problems: string[] = []
  for (const [name, value] of Object.entries(step.env ?? {})) {
    const secret = Object.keys(PROVIDER_SECRETS).find((s) => String(value).includes(`secrets.${s}`))
    if (secret) problems.push(`env ${name} holds secrets.${secret}`)
  }
  for (const [input, value] of Object.entries(step.with ?? {})) {
    for (const [secret, { input: expected, provider }] of Object.entries(PROVIDER_SECRETS)) {
      if (!String(value).includes(`secrets.${secret}`)) continue
      if (input !== expected) problems.push(`${input} holds secrets.${secret} (expected ${expected})`)
      else if (String(value).replace(/\s+/g, ' ') !== `\${{ inputs.swap-provider == '${provider}' && secrets.${secret} || '' }}`)
        problems.push(`${input} gives secrets.${secret} without inputs.swap-provider == '${provider}'`)
    }
  }
  return problems
}

// Every cloud provider's target fields, by the blue-green-swap input names (seed 000, 001 and 003 use them).
const CLOUD_TARGET_FIELDS = [
  'ecs-cluster',
  'ecs-blue-service',
  'ecs-green-service',
  'ecs-blue-target-group',
  'ecs-green-target-group',
  'ecs-listener',
  'ecs-listener-rule',
  'ecs-container',
  'ecs-task-definition',
  'ecs-test-listener',
  'ecs-test-url',
  'ecs-service',
  'ecs-bake-time',
  'azure-subscription',
  'azure-resource-group',
  'azure-app-name',
  'azure-slot',
  'azure-slot-url',
  'azure-health-path',
  'azure-swap-preview',
  'vercel-project',
  'vercel-team',
  'vercel-api-url',
  'render-service',
  'render-api-url',
  'railway-service',
  'railway-environment',
  'railway-api-url',
  'k8s-context',
  'k8s-namespace',
  'k8s-app',
  'k8s-service',
  'k8s-switch',
  'k8s-ingress',
  'k8s-container',
  'k8s-color-url'
]

describe('blue-green-swap steps of the reusable workflows', () => {
  const swapSteps = yamlFilesUnder(workflowsDir).flatMap((file) =>
    jobsOf(file).flatMap(([id, job]) =>
      (job.steps ?? [])
        .filter((step) => typeof step.uses === 'string' && /\/actions\/blue-green-swap@/.test(step.uses))
        .map((step) => ({ where: `${relative(repoRoot, file)} job ${id}`, step: step }))
    )
  )

  it('finds a misnamed target field and an unguarded or misplaced token (so these checks can fail)', () => {
    expect(
      misnamedTargetInputs({ 'ecs-cluster': '${{ matrix.target.cluster }}', 'public-url': '${{ matrix.target.url }}', 'vercel-project': '${{ matrix.target.vercel-project }}' })
    ).toEqual(['ecs-cluster reads matrix.target.cluster'])
    expect(
      providerSecretProblems({
        env: { VERCEL_TOKEN: '${{ secrets.VERCEL_TOKEN }}' },
        with: {
          'railway-token': '${{ secrets.RAILWAY_TOKEN }}',
          'render-service': '${{ secrets.RENDER_API_KEY }}',
          'ssh-key': "${{ inputs.swap-provider == 'host' && secrets.SSH_PRIVATE_KEY || '' }}"
        }
      })
    ).toEqual([
      'env VERCEL_TOKEN holds secrets.VERCEL_TOKEN',
      "railway-token gives secrets.RAILWAY_TOKEN without inputs.swap-provider == 'railway'",
      'render-service holds secrets.RENDER_API_KEY (expected render-api-key)'
    ])
  })

  it('there are deploy and rollback swap steps in both deploy workflows', () => expect(swapSteps.length).toBe(4))

  it.each(swapSteps.map((s) => [s.where, s.step]))('%s: target fields reach the inputs of the same name', (_where, step) => {
    expect(misnamedTargetInputs((step as { with?: Record<string, unknown> }).with ?? {})).toEqual([])
  })

  it.each(swapSteps.map((s) => [s.where, s.step]))('%s: every cloud provider field of a target is passed', (_where, step) => {
    const given = (step as { with?: Record<string, unknown> }).with ?? {}
    expect(CLOUD_TARGET_FIELDS.filter((field) => given[field] !== `\${{ matrix.target.${field} }}`)).toEqual([])
  })

  it.each(swapSteps.map((s) => [s.where, s.step]))('%s: provider tokens go to their provider only', (_where, step) => {
    expect(providerSecretProblems(step as { with?: Record<string, unknown>; env?: Record<string, unknown> })).toEqual([])
  })
})

describe("the production swap's image and version", () => {
  const deploy = jobsOf(join(workflowsDir, 'deploy-production.yml')).find(([id]) => id === 'deploy')![1]
  const swap = deploy.steps!.find((step) => typeof step.uses === 'string' && /\/actions\/blue-green-swap@/.test(step.uses))!.with!
  const tested = `ghcr.io/acme/app@sha256:${'a'.repeat(64)}`
  const digest = `sha256:${'b'.repeat(64)}`
  const promoted = {
    outputs: { image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app', digest, refs: `123456789012.dkr.ecr.us-east-1.amazonaws.com/app@${digest}\nghcr.io/acme/app-prod@${digest}` }
  }
  const swapInputs = (provider: string, promote: Record<string, unknown>, runtime = 'docker') => {
    const context = { inputs: { 'swap-provider': provider, 'swap-runtime': runtime, image: tested, version: 'v1.2.3' }, steps: { promote } }
    return { image: interpolate(swap.image, context), version: interpolate(swap.version, context) }
  }

  it.each<[string, string, Record<string, unknown>, string, { image: string; version: string }]>([
    ['no promotion: the tested image', 'aws-ecs', { outputs: {} }, 'docker', { image: tested, version: 'v1.2.3' }],
    ['promoted into two registries: the first, by digest (one line)', 'host', promoted, 'docker', { image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/app@${digest}`, version: 'v1.2.3' }],
    ['host process runtime: no image', 'host', { outputs: {} }, 'process', { image: '', version: 'v1.2.3' }],
    ['vercel: the deployment Vercel built is the version to promote', 'vercel', { outputs: {} }, 'docker', { image: '', version: tested }]
  ])('%s', (_name, provider, promote, runtime, expected) => {
    expect(swapInputs(provider, promote, runtime)).toEqual(expected)
  })
})

describe('cloud sign-in of the reusable workflows', () => {
  type SigningJob = { permissions?: Record<string, string>; env?: Record<string, string> }
  const jobs = yamlFilesUnder(workflowsDir).flatMap((file) => jobsOf(file).map(([id, job]) => ({ where: `${relative(repoRoot, file)} job ${id}`, job: job as SigningJob })))
  const signsIn = (job: SigningJob) => 'AWS_ROLE_ARN' in (job.env ?? {}) || 'AZURE_CLIENT_ID' in (job.env ?? {})

  it.each(jobs.map((j) => [j.where, j.job]))('%s: id-token: write only where the job signs in with OIDC', (_where, job) => {
    expect((job as SigningJob).permissions?.['id-token'] === 'write').toBe(signsIn(job as SigningJob))
  })

  it.each(jobs.filter((j) => /deploy-(staging|production)\.yml job (deploy|rollback)$/.test(j.where)).map((j) => [j.where, j.job]))(
    '%s: the OIDC inputs reach the actions (AWS role and region, Azure client, tenant and subscription)',
    (_where, job) => {
      expect((job as SigningJob).env).toEqual({
        AWS_ROLE_ARN: '${{ inputs.aws-role-arn }}',
        AWS_REGION: '${{ inputs.aws-region }}',
        AZURE_CLIENT_ID: '${{ inputs.azure-client-id }}',
        AZURE_TENANT_ID: '${{ inputs.azure-tenant-id }}',
        AZURE_SUBSCRIPTION_ID: '${{ inputs.azure-subscription-id }}'
      })
    }
  )
})

describe('notify steps of the reusable workflows', () => {
  type NotifyingJob = { permissions?: Record<string, string>; steps?: { uses?: unknown }[] }
  const jobs = yamlFilesUnder(workflowsDir)
    .flatMap((file) => jobsOf(file).map(([id, job]) => ({ where: `${relative(repoRoot, file)} job ${id}`, job: job })))
    .filter(({ job }) => (job.steps ?? []).some((step) => typeof step.uses === 'string' && /\/actions\/notify@/.test(step.uses)))

  it('there are some', () => expect(jobs.length).toBeGreaterThan(0))

  // With notify-channels github, notify sets a deployment status, a commit status (github-commit-status defaults to true) and a PR comment.
  it.each(jobs.map((j) => [j.where, j.job]))('%s: grants what the github channel writes (deployments, statuses, pull-requests)', (_where, job) => {
    expect((job as NotifyingJob).permissions).toMatchObject({ deployments: 'write', statuses: 'write', 'pull-requests': 'write' })
  })
})
