import { InputError } from '../../../packages/core/input-error.js'
import { parseDuration, parseEnum, parseKeyValueMap, parseList, parseNumber, parseSingleLine, parseUrl } from '../../../packages/core/parsers.js'
import { HOST_INPUT_NAMES, parseHostConfig } from '../../../packages/providers/traffic/host/config.js'
import { VERCEL_INPUT_NAMES, deploymentRef, parseVercelConfig } from '../../../packages/providers/traffic/vercel/config.js'
import { RAILWAY_INPUT_NAMES, parseRailwayConfig } from '../../../packages/providers/traffic/railway/config.js'
import { RENDER_INPUT_NAMES, isCommitSha, parseRenderConfig } from '../../../packages/providers/traffic/render/config.js'
import { ECS_INPUT_NAMES, parseEcsConfig, withEngineBake } from '../../../packages/providers/traffic/aws-ecs/config.js'
import { nativeStrategy } from '../../../packages/providers/traffic/aws-ecs/native/native-strategy.js'
import { AZURE_APPSERVICE_INPUT_NAMES, parseAzureAppServiceConfig } from '../../../packages/providers/traffic/azure-appservice/config.js'
import { KUBERNETES_INPUT_NAMES, parseKubernetesConfig } from '../../../packages/providers/traffic/kubernetes/config.js'
import { PROVIDERS, type ProviderName, type TrafficProviderConfig } from '../../../packages/providers/traffic/factory.js'
import type { Release } from '../../../packages/providers/traffic/types.js'
import { buildChecks, type CheckDefaults } from '../../smoke-test/src/checks-file.js'
import type { CheckSpec } from '../../smoke-test/src/check-spec.js'
import { buildPlan } from '../../smoke-test/src/plan.js'
import { fileLocator } from '../../smoke-test/src/checks-file.js'
import { parseAnalysisQueries, type AnalysisQuery } from './analysis/queries.js'
import type { Thresholds } from './analysis/types.js'
import { MODES, type Mode, type SwapPlan } from './plan.js'

/**
 * Turns the raw inputs (secrets already masked) into one validated object. Pure: every problem is
 * an InputError naming the input, raised before the server is touched. Inputs the chosen mode
 * would ignore are refused rather than silently dropped.
 */

export const ACTION_INPUT_NAMES = [
  'provider',
  'mode',
  'version',
  'image',
  'command',
  'env',
  'steps',
  'bake',
  'keep-previous',
  'pause-after-step',
  'analysis',
  'max-error-rate',
  'max-p95',
  'synthetic-path',
  'synthetic-rate',
  'prometheus-url',
  'analysis-queries',
  'failure-limit',
  'lock-timeout',
  'checks-file',
  'check-path'
] as const

export const INPUT_NAMES = [
  ...ACTION_INPUT_NAMES,
  ...HOST_INPUT_NAMES,
  ...VERCEL_INPUT_NAMES,
  ...RENDER_INPUT_NAMES,
  ...RAILWAY_INPUT_NAMES,
  ...ECS_INPUT_NAMES,
  ...AZURE_APPSERVICE_INPUT_NAMES,
  ...KUBERNETES_INPUT_NAMES
] as const
export type InputName = (typeof INPUT_NAMES)[number]
export type RawInputs = Record<InputName, string>
export const SECRET_INPUTS: readonly InputName[] = ['ssh-key', 'vercel-token', 'render-api-key', 'railway-token']

export const ANALYSIS_SOURCES = ['synthetic', 'nginx-log', 'prometheus'] as const
export type AnalysisSourceName = (typeof ANALYSIS_SOURCES)[number]

export interface AnalysisSettings {
  thresholds: Thresholds
  synthetic?: { path: string; rate: number }
  nginxLog: boolean
  prometheus?: { url: string; queries: AnalysisQuery[] }
}

/** How green is checked directly: a smoke-test checks file (its URLs rebased onto green) or one GET. */
export type GreenCheckSpec = { kind: 'file'; checks: CheckSpec[]; base: string } | { kind: 'path'; path: string }

export interface SwapInputs {
  provider: TrafficProviderConfig
  plan: SwapPlan
  analysis: AnalysisSettings
  greenCheck?: GreenCheckSpec
  /** Who holds the lock while this run works: the repository, run and job. */
  lockOwner: string
}

/** The checks file as read and parsed (YAML or JSON) by inputs.ts, the one impure part. */
export interface ChecksFileText {
  name: string
  document: unknown
}

export interface RunEnvironment {
  GITHUB_REPOSITORY?: string
  GITHUB_RUN_ID?: string
  GITHUB_RUN_ATTEMPT?: string
  GITHUB_JOB?: string
  [name: string]: string | undefined
}

/** Placeholder origin the checks file is validated against; replaced by green's own address at run time. */
export const GREEN_BASE = 'http://green.invalid'

const SHIFT_INPUTS: InputName[] = [
  'steps',
  'bake',
  'pause-after-step',
  'analysis',
  'max-error-rate',
  'max-p95',
  'synthetic-path',
  'synthetic-rate',
  'prometheus-url',
  'analysis-queries',
  'failure-limit'
]
const DEPLOY_INPUTS: InputName[] = ['version', 'image', 'command', 'env', 'checks-file', 'check-path']
const IGNORED_BY: Record<Mode, InputName[]> = {
  deploy: [],
  promote: DEPLOY_INPUTS,
  rollback: [...DEPLOY_INPUTS, ...SHIFT_INPUTS, 'keep-previous'],
  abort: [...DEPLOY_INPUTS, ...SHIFT_INPUTS, 'keep-previous'],
  status: [...DEPLOY_INPUTS, ...SHIFT_INPUTS, 'keep-previous', 'lock-timeout']
}

export function parseSwapInputs(raw: RawInputs, env: RunEnvironment, checksFile?: ChecksFileText): SwapInputs {
  const providerName = parseEnum('provider', raw.provider, PROVIDERS)
  const mode = parseEnum<Mode>('mode', raw.mode, MODES, 'deploy')
  for (const name of IGNORED_BY[mode]) {
    if (raw[name].trim() !== '') throw new InputError(name, `is set, but mode is ${mode}, which does not use it`, `no ${name} with mode: ${mode}`)
  }
  for (const [other, names] of Object.entries(PROVIDER_INPUTS)) {
    if (other === providerName) continue
    for (const name of names) {
      if (PROVIDER_INPUTS[providerName].includes(name)) continue
      if (raw[name].trim() !== '') throw new InputError(name, `is set, but provider is ${providerName}, which does not use it`, `no ${name} with provider: ${providerName}`)
    }
  }
  const { provider: parsedProvider, releaseKind, hasAccessLog } = parseProvider(providerName, raw, env)

  const steps = parseSteps(raw.steps)
  const analysis = parseAnalysis(raw, mode, hasAccessLog, providerName)
  const bakeMs = parseDuration('bake', raw.bake, 0)
  const sources = [analysis.synthetic && 'synthetic', analysis.nginxLog && 'nginx-log', analysis.prometheus && 'prometheus'].filter(Boolean)
  if (sources.length > 0 && bakeMs <= 0)
    throw new InputError(
      'bake',
      `is ${raw.bake.trim() === '' ? 'empty' : `"${raw.bake}"`}, but analysis (${sources.join(', ')}) needs a bake window to measure`,
      'a duration such as 30s or 2m'
    )
  const pauseAfter = parseList(raw['pause-after-step']).map((entry) => {
    const weight = parseNumber('pause-after-step', entry.replace(/%$/, ''), undefined, { integer: true, min: 1, max: 99 })
    if (!steps.includes(weight)) throw new InputError('pause-after-step', `has ${weight}, which is not one of the steps (${steps.join(', ')})`, 'weights from the steps list, before 100')
    return weight
  })

  const plan: SwapPlan = {
    mode,
    ...(mode === 'deploy' ? { release: parseRelease(raw, releaseKind) } : {}),
    steps,
    bakeMs,
    keepPreviousMs: parseDuration('keep-previous', raw['keep-previous'], 5 * 60_000),
    pauseAfter,
    failureLimit: parseNumber('failure-limit', raw['failure-limit'], 2, { integer: true, min: 1, max: 100 }),
    lockTimeoutMs: parseDuration('lock-timeout', raw['lock-timeout'], 10 * 60_000)
  }
  // ECS native: the engine's steps choose ECS's strategy (its bake becomes the per-step bake); the engine's bake at 100% runs inside ECS's bake time, which must cover it.
  const provider: TrafficProviderConfig =
    parsedProvider.provider === 'aws-ecs' && parsedProvider.ecs.mode === 'native'
      ? { provider: 'aws-ecs', ecs: withEngineBake({ ...parsedProvider.ecs, strategy: nativeStrategy(steps, bakeMs) }, bakeMs) }
      : parsedProvider
  const greenCheck = mode === 'deploy' ? parseGreenCheck(raw, env, checksFile) : undefined
  if (greenCheck && provider.provider === 'aws-ecs' && !provider.ecs.testUrl) {
    const input = greenCheck.kind === 'file' ? 'checks-file' : 'check-path'
    throw new InputError(
      input,
      'is set, but aws-ecs has no address of green alone (through the router the checks would reach blue)',
      provider.ecs.mode === 'native'
        ? "ecs-test-url (the address of the test listener rule in the service's advancedConfiguration, which ECS points at green), or no green checks"
        : 'ecs-test-listener and ecs-test-url (a listener kept on the idle target group), or no green checks'
    )
  }
  return { provider, plan, analysis, ...(greenCheck ? { greenCheck } : {}), lockOwner: lockOwner(env) }
}

/** What a release is on each provider: an image (docker), a command (process), an existing deployment (vercel), an image or a commit (render, railway), an image whose command and environment the platform keeps (aws-ecs), an optional image for a slot (azure-appservice: empty when the slot is already deployed). */
type ReleaseKind = 'docker' | 'process' | 'deployment' | 'image-or-commit' | 'image' | 'platform-image'

interface ProviderChoice {
  provider: TrafficProviderConfig
  releaseKind: ReleaseKind
  /** Whether the `nginx-log` analysis source can read an access log. */
  hasAccessLog: boolean
}

/** Each provider's own inputs; those of a provider not chosen are refused when set (the chosen one would ignore them). */
const PROVIDER_INPUTS: Record<ProviderName, readonly InputName[]> = {
  host: HOST_INPUT_NAMES,
  vercel: VERCEL_INPUT_NAMES,
  render: RENDER_INPUT_NAMES,
  railway: RAILWAY_INPUT_NAMES,
  // `public-url` (the address users reach) is shared with host.
  'aws-ecs': [...ECS_INPUT_NAMES, 'public-url'],
  'azure-appservice': AZURE_APPSERVICE_INPUT_NAMES,
  kubernetes: KUBERNETES_INPUT_NAMES
}

function parseProvider(name: ProviderName, raw: RawInputs, env: RunEnvironment): ProviderChoice {
  const pick = <N extends InputName>(names: readonly N[]): Partial<Record<N, string>> => {
    const picked: Partial<Record<N, string>> = {}
    for (const input of names) picked[input] = raw[input]
    return picked
  }
  switch (name) {
    case 'host': {
      const host = parseHostConfig(pick(HOST_INPUT_NAMES))
      return { provider: { provider: 'host', host }, releaseKind: host.runtime, hasAccessLog: host.nginx.accessLog !== undefined }
    }
    case 'vercel':
      refuseWithoutWeights(name, raw)
      return { provider: { provider: 'vercel', vercel: parseVercelConfig(pick(VERCEL_INPUT_NAMES)) }, releaseKind: 'deployment', hasAccessLog: false }
    case 'render':
      refuseWithoutWeights(name, raw)
      return { provider: { provider: 'render', render: parseRenderConfig(pick(RENDER_INPUT_NAMES)) }, releaseKind: 'image-or-commit', hasAccessLog: false }
    case 'railway':
      refuseWithoutWeights(name, raw)
      return { provider: { provider: 'railway', railway: parseRailwayConfig(pick(RAILWAY_INPUT_NAMES)) }, releaseKind: 'image-or-commit', hasAccessLog: false }
    case 'aws-ecs': {
      const ecs = parseEcsConfig(pick(PROVIDER_INPUTS['aws-ecs']))
      if (ecs.mode === 'native' && raw['pause-after-step'].trim() !== '')
        throw new InputError(
          'pause-after-step',
          'is set, but ecs-service selects ECS native blue/green, where ECS moves all traffic at once (one switch)',
          'no pause-after-step with ecs-service'
        )
      return { provider: { provider: 'aws-ecs', ecs }, releaseKind: 'image', hasAccessLog: false }
    }
    case 'azure-appservice':
      return {
        provider: { provider: 'azure-appservice', azureAppService: parseAzureAppServiceConfig(pick(AZURE_APPSERVICE_INPUT_NAMES), env) },
        releaseKind: 'platform-image',
        hasAccessLog: false
      }
    case 'kubernetes': {
      const kubernetes = parseKubernetesConfig(pick(KUBERNETES_INPUT_NAMES))
      if (kubernetes.switchMode === 'service' && raw['pause-after-step'].trim() !== '')
        throw new InputError(
          'pause-after-step',
          'is set, but k8s-switch is service, which switches the Service selector at once (one switch)',
          'no pause-after-step, or k8s-switch: ingress-nginx for canary weights'
        )
      // The pod spec in the Deployment keeps the command and the environment; a release only changes the image.
      for (const name of ['command', 'env'] as const) {
        if (raw[name].trim() !== '')
          throw new InputError(
            name,
            'is set, but provider kubernetes only changes the image of the Deployment',
            `no ${name}; set it in the Deployment's pod spec (or a ConfigMap/Secret it reads)`
          )
      }
      return { provider: { provider: 'kubernetes', kubernetes }, releaseKind: 'image', hasAccessLog: false }
    }
  }
}

/** One switch only: a pause between steps could never happen, so asking for one is refused. */
function refuseWithoutWeights(name: ProviderName, raw: RawInputs): void {
  if (raw['pause-after-step'].trim() !== '')
    throw new InputError('pause-after-step', `is set, but ${name} cannot split traffic by percent (one switch)`, `no pause-after-step with provider: ${name}`)
}

/** Providers that run an image (no command, no env: those belong to the platform's own definition). */
function imageOnly(raw: RawInputs): 'docker' {
  if (raw.command.trim() !== '')
    throw new InputError('command', `is set, but provider ${raw.provider.trim()} runs an image`, "no command; the image (and the task definition's command) decide what runs")
  if (raw.env.trim() !== '')
    throw new InputError(
      'env',
      `is set, but provider ${raw.provider.trim()} takes the environment from the task definition`,
      "environment and secrets in the task definition (ecs-task-definition or the service's current one)"
    )
  return 'docker'
}

/** `steps`: ascending percentages ending at 100 (`10,25,50,100`); empty means one switch. */
export function parseSteps(raw: string): number[] {
  const expected = 'ascending percentages ending at 100, such as 10,25,50,100 (or 100 for one switch)'
  const entries = parseList(raw)
  if (entries.length === 0) return [100]
  const steps = entries.map((entry) => {
    const value = entry.replace(/%$/, '').trim()
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100) throw new InputError('steps', `has "${entry}", which is not a percentage from 1 to 100`, expected)
    return Number(value)
  })
  for (let i = 1; i < steps.length; i++) {
    if (steps[i] <= steps[i - 1]) throw new InputError('steps', `is not ascending (${steps[i]} after ${steps[i - 1]})`, expected)
  }
  if (steps[steps.length - 1] !== 100) throw new InputError('steps', `ends at ${steps[steps.length - 1]}, not 100`, expected)
  return steps
}

function parseRelease(raw: RawInputs, runtime: ReleaseKind): Release {
  if (runtime === 'deployment') return parseDeploymentRelease(raw)
  if (runtime === 'image-or-commit') return parseImageOrCommitRelease(raw)
  if (runtime === 'image') return parseDockerRelease(raw, imageOnly(raw), `provider is ${raw.provider.trim()}`)
  if (runtime === 'platform-image') return parsePlatformImageRelease(raw)
  return parseDockerRelease(raw, runtime)
}

function parseDockerRelease(raw: RawInputs, runtime: 'docker' | 'process', why = `runtime is ${runtime}`): Release {
  const version = parseSingleLine('version', raw.version)
  if (version === '') throw new InputError('version', 'is empty', 'the version to deploy: an image tag, a commit or a release name')
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:@+/-]{0,127}$/.test(version))
    throw new InputError('version', `is "${version}", which has characters a version cannot hold`, 'letters, digits and . _ - : @ + / (up to 128)')
  const image = parseSingleLine('image', raw.image)
  const command = raw.command.trim()
  if (runtime === 'docker') {
    if (image === '') throw new InputError('image', `is empty, but ${why}`, 'the image to run, such as ghcr.io/octo-org/shop:1.4.2')
    if (command !== '') throw new InputError('command', 'is set, but runtime is docker, which runs the image', 'no command with runtime: docker (or runtime: process)')
    if (!/^[a-z0-9][a-z0-9._/:@-]*$/i.test(image))
      throw new InputError('image', `is "${image}", which is not an image reference`, 'a reference such as registry.example.com/app:1.4.2 or app@sha256:…')
  } else {
    if (command === '') throw new InputError('command', 'is empty, but runtime is process', 'the command that starts the app, such as "node server.mjs" (PORT and COLOR are set for it)')
    if (image !== '') throw new InputError('image', 'is set, but runtime is process, which runs a command', 'no image with runtime: process (or runtime: docker)')
    parseSingleLine('command', command)
  }
  const env = parseKeyValueMap('env', raw.env)
  for (const key of Object.keys(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
      throw new InputError('env', `has the key "${key}", which is not an environment variable name`, 'KEY=value lines with keys of letters, digits and _')
  }
  return { version, ...(runtime === 'docker' ? { image } : { command }), ...(Object.keys(env).length > 0 ? { env } : {}) }
}

/** A release that is an existing deployment (vercel): `version` names it; image, command and env belong to the build, not the switch. */
function parseDeploymentRelease(raw: RawInputs): Release {
  for (const name of ['image', 'command', 'env'] as const) {
    if (raw[name].trim() !== '')
      throw new InputError(name, `is set, but provider is ${raw.provider.trim()}, which promotes an existing deployment`, `no ${name}; version: the deployment id or URL`)
  }
  const version = parseSingleLine('version', raw.version)
  if (version === '') throw new InputError('version', 'is empty', 'the deployment to promote: its id (dpl_…) or URL, such as the preview the Git integration built')
  if (!deploymentRef(version)) throw new InputError('version', `is "${version}", which is not a deployment id or URL`, 'dpl_… or https://<deployment>.vercel.app')
  return { version }
}

/** A release of an image (image-backed service) or of a commit (version, a Git SHA) on a platform that builds it (render). */
function parseImageOrCommitRelease(raw: RawInputs): Release {
  const provider = raw.provider.trim()
  for (const name of ['command', 'env'] as const) {
    if (raw[name].trim() !== '')
      throw new InputError(name, `is set, but provider is ${provider}, which keeps the service's own start command and environment`, `no ${name} with provider: ${provider}`)
  }
  const version = parseSingleLine('version', raw.version)
  const image = parseSingleLine('image', raw.image)
  if (version === '')
    throw new InputError('version', 'is empty', image === '' ? 'the Git commit SHA to deploy (or an image with a version to show)' : 'the version to show for the image, such as its tag')
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:@+/-]{0,127}$/.test(version))
    throw new InputError('version', `is "${version}", which has characters a version cannot hold`, 'letters, digits and . _ - : @ + / (up to 128)')
  if (image === '') {
    if (!isCommitSha(version))
      throw new InputError('version', `is "${version}", which is not a commit SHA, and image is empty`, `a Git commit SHA for ${provider} to build, or image: the image to deploy`)
    return { version }
  }
  if (!/^[a-z0-9][a-z0-9._/:@-]*$/i.test(image))
    throw new InputError('image', `is "${image}", which is not an image reference`, 'a reference such as ghcr.io/octo-org/api:1.4.2 or api@sha256:…')
  return { version, image }
}

/** An image for a platform slot (azure-appservice), optional: without one the slot is taken as already deployed. */
function parsePlatformImageRelease(raw: RawInputs): Release {
  const version = parseSingleLine('version', raw.version)
  if (version === '') throw new InputError('version', 'is empty', 'the version to deploy: an image tag, a commit or a release name')
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:@+/-]{0,127}$/.test(version))
    throw new InputError('version', `is "${version}", which has characters a version cannot hold`, 'letters, digits and . _ - : @ + / (up to 128)')
  const image = parseSingleLine('image', raw.image)
  if (raw.command.trim() !== '') throw new InputError('command', 'is set, but the provider runs container images', 'no command (the image, or nothing when the slot is already deployed)')
  if (raw.env.trim() !== '') throw new InputError('env', 'is set, but the provider keeps the app settings of its slots', 'no env (set app settings on the slot itself)')
  if (image !== '' && !/^[a-z0-9][a-z0-9._/:@-]*$/i.test(image))
    throw new InputError('image', `is "${image}", which is not an image reference`, 'a reference such as myregistry.azurecr.io/app:1.4.2')
  return { version, ...(image !== '' ? { image } : {}) }
}

function parseAnalysis(raw: RawInputs, mode: Mode, hasAccessLog: boolean, providerName: ProviderName): AnalysisSettings {
  const names = parseList(raw.analysis.toLowerCase())
  for (const name of names) {
    if (!(ANALYSIS_SOURCES as readonly string[]).includes(name)) throw new InputError('analysis', `has "${name}", which is not an analysis source`, `any of ${ANALYSIS_SOURCES.join(', ')}`)
  }
  const chosen = new Set(names as AnalysisSourceName[])
  const settings: AnalysisSettings = { thresholds: { maxErrorRate: parseRate('max-error-rate', raw['max-error-rate']) }, nginxLog: chosen.has('nginx-log') }
  if (raw['max-p95'].trim() !== '') settings.thresholds.maxP95Ms = parseDuration('max-p95', raw['max-p95'])
  const requireSource = (input: InputName, source: AnalysisSourceName): void => {
    if (raw[input].trim() !== '' && !chosen.has(source)) throw new InputError(input, `is set, but analysis does not include ${source}`, `analysis: ${source} (or no ${input})`)
  }
  requireSource('synthetic-path', 'synthetic')
  requireSource('synthetic-rate', 'synthetic')
  requireSource('prometheus-url', 'prometheus')
  requireSource('analysis-queries', 'prometheus')
  if (chosen.has('synthetic')) {
    const path = parseSingleLine('synthetic-path', raw['synthetic-path']) || '/'
    if (!path.startsWith('/')) throw new InputError('synthetic-path', `is "${path}", which is not a path`, 'a path on the public URL, such as /api/health')
    settings.synthetic = { path, rate: parseNumber('synthetic-rate', raw['synthetic-rate'], 20, { min: 1, max: 500 }) }
  }
  if (chosen.has('nginx-log') && providerName !== 'host')
    throw new InputError('analysis', `includes nginx-log, but provider ${providerName} has no nginx access log`, 'synthetic or prometheus')
  if (chosen.has('nginx-log') && !hasAccessLog)
    throw new InputError('analysis', 'includes nginx-log, but nginx-access-log is empty', 'nginx-access-log: the access log written in the deploy_actions format (see the README)')
  if (chosen.has('prometheus')) {
    if (raw['prometheus-url'].trim() === '') throw new InputError('prometheus-url', 'is empty, but analysis includes prometheus', 'the Prometheus server, such as http://prometheus:9090')
    const url = parseUrl('prometheus-url', raw['prometheus-url']).toString()
    const queries = parseAnalysisQueries(raw['analysis-queries'])
    if (queries.length === 0) throw new InputError('analysis-queries', 'is empty, but analysis includes prometheus', 'a YAML list of name, query and threshold')
    settings.prometheus = { url, queries }
  }
  if (mode !== 'deploy' && mode !== 'promote' && chosen.size > 0) throw new InputError('analysis', `is set, but mode is ${mode}`, `no analysis with mode: ${mode}`)
  return settings
}

/** A fraction from 0 to 1 (`0.01`) or a percentage (`1%`); empty is 1%. */
export function parseRate(name: string, raw: string): number {
  const value = raw.trim()
  if (value === '') return 0.01
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(value)
  const fraction = percent ? Number(percent[1]) / 100 : /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1)
    throw new InputError(name, `is "${raw}", which is not a rate from 0 to 1`, 'a fraction such as 0.01 or a percentage such as 1%')
  return fraction
}

function parseGreenCheck(raw: RawInputs, env: RunEnvironment, checksFile?: ChecksFileText): GreenCheckSpec | undefined {
  const path = parseSingleLine('check-path', raw['check-path'])
  if (raw['checks-file'].trim() !== '') {
    if (path !== '') throw new InputError('check-path', 'is set together with "checks-file"', 'either a checks file or one path to GET, not both')
    if (!checksFile) throw new InputError('checks-file', 'could not be read', 'a smoke-test checks file in the workspace')
    const defaults: CheckDefaults = { headers: {}, timeoutMs: 10_000, retries: 2, statuses: [[200, 299]], baseUrl: GREEN_BASE }
    const checks = buildChecks(checksFile.document, defaults, env)
    const outside = checks.find((check) => !check.url.startsWith(`${GREEN_BASE}/`))
    if (outside)
      throw new InputError('checks-file', `check "${outside.name}" has an absolute URL`, "paths only (such as /health): every check runs against green's own address before it gets traffic")
    buildPlan(checks, fileLocator)
    return { kind: 'file', checks, base: GREEN_BASE }
  }
  if (path === '') return undefined
  if (!/^\/\S*$/.test(path)) throw new InputError('check-path', `is "${path}", which is not a path`, 'a path starting with /, such as /health')
  return { kind: 'path', path }
}

function lockOwner(env: RunEnvironment): string {
  const repository = env.GITHUB_REPOSITORY ?? 'a local run'
  const run = env.GITHUB_RUN_ID ? ` run ${env.GITHUB_RUN_ID}${env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1' ? ` attempt ${env.GITHUB_RUN_ATTEMPT}` : ''}` : ''
  const job = env.GITHUB_JOB ? ` job ${env.GITHUB_JOB}` : ''
  return `${repository}${run}${job}`
}
