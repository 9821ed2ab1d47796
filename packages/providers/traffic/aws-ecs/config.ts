import { InputError } from '../../../core/input-error.js'
import { parseDuration, parseNumber, parseSingleLine, parseUrl } from '../../../core/parsers.js'
import type { Color } from '../types.js'
import type { NativeStrategy } from './native/native-strategy.js'

/**
 * The `aws-ecs` provider's configuration and its pure validation, for its two modes:
 * - `alb-weights`: blue and green are two ECS services, each registered in its own target group; one
 *   ALB listener (or listener rule) forwards to both target groups with weights, shifted in the
 *   engine's steps.
 * - `native` (input `ecs-service`): one service whose own deployment strategy moves the traffic (ECS's
 *   alternate target group and listener rules): BLUE_GREEN, or CANARY / LINEAR from the engine's steps
 *   (native/native-strategy.ts).
 * blue-green-swap's parse-inputs calls `parseEcsConfig` with the raw inputs below; every problem is an
 * InputError naming the input, raised before any call. Inputs of the other mode are refused, never ignored.
 */

export const ECS_INPUT_NAMES = [
  'aws-region',
  'aws-role-arn',
  'ecs-cluster',
  'ecs-blue-service',
  'ecs-green-service',
  'ecs-blue-target-group',
  'ecs-green-target-group',
  'ecs-listener',
  'ecs-listener-rule',
  'ecs-container',
  'ecs-task-definition',
  'ecs-desired-count',
  'ecs-stable-timeout',
  'ecs-keep-revisions',
  'ecs-test-listener',
  'ecs-test-url',
  'ecs-service',
  'ecs-bake-time'
] as const

/** Inputs only the two-service mode reads; refused with ecs-service. */
const ALB_ONLY_INPUTS = [
  'ecs-blue-service',
  'ecs-green-service',
  'ecs-blue-target-group',
  'ecs-green-target-group',
  'ecs-listener',
  'ecs-listener-rule',
  'ecs-test-listener',
  'ecs-desired-count'
] as const
/** Inputs only the native mode reads; refused without ecs-service. */
const NATIVE_ONLY_INPUTS = ['ecs-bake-time'] as const

export type EcsInputName = (typeof ECS_INPUT_NAMES)[number]
export type EcsRawInputs = Partial<Record<EcsInputName | 'public-url', string>>

/** What both modes share. */
export interface EcsSharedConfig {
  region?: string
  /** Role taken with the job's GitHub OIDC token; else the SDK's default chain (e.g. configure-aws-credentials). */
  roleArn?: string
  cluster: string
  /** The container whose image is replaced (default: the only container of the definition). */
  container?: string
  /** A task definition JSON file in the workspace to register from (default: the active service's current definition). */
  taskDefinitionFile?: string
  /** alb-weights: until the new service is stable; native: until ECS reaches each stage of its deployment. */
  stableTimeoutMs: number
  /** Task definition revisions of the family kept registered (the ones in use always are); 0 keeps all. */
  keepRevisions: number
  /** Green's own address: the test listener (alb-weights) or ECS's test listener rule (native). */
  testUrl?: string
  publicUrl: string
}

export interface EcsAlbConfig extends EcsSharedConfig {
  mode: 'alb-weights'
  services: Record<Color, string>
  targetGroups: Record<Color, string>
  listenerArn: string
  /** When the weighted forward is a listener rule's, not the listener's default action. */
  ruleArn?: string
  /** Tasks for the idle service (default: the active service's desired count). */
  desiredCount?: number
  /** A listener that always forwards to the idle target group: green's own address before it gets user traffic. */
  testListenerArn?: string
}

export interface EcsNativeConfig extends EcsSharedConfig {
  mode: 'native'
  /** The one service deployed with ECS's own strategy (BLUE_GREEN, or CANARY / LINEAR from the steps). */
  service: string
  /** ECS's bake time (bakeTimeInMinutes) set on the service; default: the service's own. */
  bakeTimeMinutes?: number
  /** The engine's bake, which ECS's bake time must cover (blue is still up to roll back to while ECS bakes). */
  engineBakeMs?: number
  /** ECS's strategy for the engine's steps (parse-inputs, nativeStrategy); BLUE_GREEN when absent. */
  strategy?: NativeStrategy
}

export type EcsConfig = EcsAlbConfig | EcsNativeConfig

const ECS_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/
const ECS_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:(cluster|service)\/[A-Za-z0-9/_-]+$/
const TARGET_GROUP_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/
const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+\/[0-9a-f]+$/
const RULE_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener-rule\/app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+\/[0-9a-f]+\/[0-9a-f]+$/
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/
const CONTAINER = /^[A-Za-z0-9_-]{1,255}$/
const WORKSPACE_FILE = /^[A-Za-z0-9_./@+-]+\.json$/

type Get = (name: EcsInputName | 'public-url') => string
type Required = (name: EcsInputName, expected: string) => string

export function parseEcsConfig(raw: EcsRawInputs): EcsConfig {
  const get: Get = (name) => parseSingleLine(name, raw[name] ?? '')
  const required: Required = (name, expected) => {
    const value = get(name)
    if (value === '') throw new InputError(name, 'is empty, but provider is aws-ecs', expected)
    return value
  }
  const native = get('ecs-service') !== ''
  const refused = native ? ALB_ONLY_INPUTS : NATIVE_ONLY_INPUTS
  for (const name of refused) {
    if (get(name) !== '')
      throw new InputError(
        name,
        native
          ? 'is set, but ecs-service selects ECS native blue/green (one service; ECS moves the traffic), which does not use it'
          : 'is set, but it belongs to ECS native blue/green (selected by ecs-service), not to the two-service ALB mode',
        native ? `no ${name} with ecs-service` : `ecs-service for native blue/green, or no ${name}`
      )
  }
  const shared = parseShared(get, required)
  return native ? { mode: 'native', ...shared, ...parseNative(get) } : { mode: 'alb-weights', ...shared, ...parseAlb(get, required) }
}

function parseShared(get: Get, required: Required): EcsSharedConfig {
  const region = get('aws-region')
  if (region !== '' && !REGION.test(region)) throw new InputError('aws-region', `is "${region}", which is not an AWS region`, 'a region such as us-east-1')
  const roleArn = get('aws-role-arn')
  if (roleArn !== '' && !ROLE_ARN.test(roleArn))
    throw new InputError(
      'aws-role-arn',
      `is "${roleArn}", which is not an IAM role ARN`,
      'arn:aws:iam::123456789012:role/deploy (the role the job takes with its GitHub OIDC token; no access keys)'
    )

  const cluster = required('ecs-cluster', 'the ECS cluster name or ARN, such as meal-planner-production')
  if (!ECS_NAME.test(cluster) && !ECS_ARN.test(cluster))
    throw new InputError('ecs-cluster', `is "${cluster}", which is not a cluster name or ARN`, 'letters, digits, - and _ (up to 255), or a cluster ARN')
  const container = get('ecs-container')
  if (container !== '' && !CONTAINER.test(container)) throw new InputError('ecs-container', `is "${container}", which is not a container name`, 'letters, digits, - and _ (up to 255)')
  const file = get('ecs-task-definition')
  if (file !== '' && (!WORKSPACE_FILE.test(file) || file.startsWith('/') || file.split('/').includes('..')))
    throw new InputError('ecs-task-definition', `is "${file}", which is not a JSON file path in the workspace`, 'a relative path such as .aws/task-definition.json')
  const testUrl = get('ecs-test-url')
  if (get('public-url') === '') throw new InputError('public-url', 'is empty, but provider is aws-ecs', 'the address users reach through the load balancer, such as https://api.example.com')
  return {
    ...(region ? { region } : {}),
    ...(roleArn ? { roleArn } : {}),
    cluster,
    ...(container ? { container } : {}),
    ...(file ? { taskDefinitionFile: file } : {}),
    stableTimeoutMs: stableTimeout(get('ecs-stable-timeout')),
    keepRevisions: parseNumber('ecs-keep-revisions', get('ecs-keep-revisions'), 10, { integer: true, min: 0, max: 1000 }),
    ...(testUrl ? { testUrl: parseUrl('ecs-test-url', testUrl).toString() } : {}),
    publicUrl: parseUrl('public-url', get('public-url')).toString()
  }
}

/** 0 would start a deployment and give it up at once (then roll it back): refused before any call. */
function stableTimeout(raw: string): number {
  const ms = parseDuration('ecs-stable-timeout', raw, 15 * 60_000)
  if (ms <= 0) throw new InputError('ecs-stable-timeout', 'is 0', 'a duration above 0, such as 15m')
  return ms
}

function parseNative(get: Get): Pick<EcsNativeConfig, 'service' | 'bakeTimeMinutes'> {
  const service = get('ecs-service')
  if (!ECS_NAME.test(service) && !ECS_ARN.test(service))
    throw new InputError(
      'ecs-service',
      `is "${service}", which is not a service name or ARN`,
      'the ECS service deployed with the BLUE_GREEN strategy: letters, digits, - and _ (up to 255), or a service ARN'
    )
  const bake = get('ecs-bake-time')
  return { service, ...(bake !== '' ? { bakeTimeMinutes: parseNumber('ecs-bake-time', bake, undefined, { integer: true, min: 0, max: 1440 }) } : {}) }
}

/** The engine's bake must fit in ECS's: after ECS's bake time blue is gone and a rollback is a whole new deployment. */
export function withEngineBake(config: EcsNativeConfig, engineBakeMs: number): EcsNativeConfig {
  const needed = Math.ceil(engineBakeMs / 60_000)
  if (config.bakeTimeMinutes !== undefined && config.bakeTimeMinutes * 60_000 < engineBakeMs)
    throw new InputError(
      'ecs-bake-time',
      `is ${minutes(config.bakeTimeMinutes)}, shorter than bake (${minutes(needed)}), so ECS would remove blue before the analysis ends`,
      `at least ${needed} (minutes, 0 to 1440)`
    )
  return { ...config, engineBakeMs }
}

export function minutes(count: number): string {
  return `${count} ${count === 1 ? 'minute' : 'minutes'}`
}

type AlbOnly = Omit<EcsAlbConfig, keyof EcsSharedConfig | 'mode'>

function parseAlb(get: Get, required: Required): AlbOnly {
  const service = (name: 'ecs-blue-service' | 'ecs-green-service'): string => {
    const value = required(name, 'the name of the ECS service of this color (each registered in its own target group)')
    if (!ECS_NAME.test(value) && !ECS_ARN.test(value))
      throw new InputError(name, `is "${value}", which is not a service name or ARN`, 'letters, digits, - and _ (up to 255), or a service ARN')
    return value
  }
  const services = { blue: service('ecs-blue-service'), green: service('ecs-green-service') }
  if (services.blue === services.green) throw new InputError('ecs-green-service', `is "${services.green}", the same as ecs-blue-service`, 'two services, one per color')

  const targetGroup = (name: 'ecs-blue-target-group' | 'ecs-green-target-group'): string => {
    const value = required(name, 'the ARN of the target group the service of this color is registered in')
    if (!TARGET_GROUP_ARN.test(value)) throw new InputError(name, `is "${value}", which is not a target group ARN`, 'arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>')
    return value
  }
  const targetGroups = { blue: targetGroup('ecs-blue-target-group'), green: targetGroup('ecs-green-target-group') }
  if (targetGroups.blue === targetGroups.green) throw new InputError('ecs-green-target-group', 'is the same as ecs-blue-target-group', 'two target groups, one per color')

  const listenerArn = required('ecs-listener', 'the ARN of the ALB listener that forwards to both target groups')
  if (!LISTENER_ARN.test(listenerArn))
    throw new InputError(
      'ecs-listener',
      `is "${listenerArn}", which is not an Application Load Balancer listener ARN`,
      'arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<lb>/<id>/<id>'
    )
  const ruleArn = get('ecs-listener-rule')
  if (ruleArn !== '' && !RULE_ARN.test(ruleArn))
    throw new InputError('ecs-listener-rule', `is "${ruleArn}", which is not a listener rule ARN`, 'arn:aws:elasticloadbalancing:<region>:<account>:listener-rule/app/<lb>/<id>/<id>/<id>')
  if (ruleArn !== '' && !ruleArn.includes(listenerArn.slice(listenerArn.indexOf(':listener/') + ':listener/'.length)))
    throw new InputError('ecs-listener-rule', 'belongs to another listener than ecs-listener', 'a rule of the listener named by ecs-listener')

  const desired = get('ecs-desired-count')
  const testListenerArn = get('ecs-test-listener')
  if (testListenerArn !== '' && !LISTENER_ARN.test(testListenerArn))
    throw new InputError(
      'ecs-test-listener',
      `is "${testListenerArn}", which is not an Application Load Balancer listener ARN`,
      'the ARN of a second listener (e.g. port 8443) kept on the idle target group'
    )
  if (testListenerArn !== '' && testListenerArn === listenerArn) throw new InputError('ecs-test-listener', 'is the same as ecs-listener', 'a second listener that only testers reach')
  if (testListenerArn !== '' && get('ecs-test-url') === '')
    throw new InputError('ecs-test-url', 'is empty, but ecs-test-listener is set', "the URL of the test listener, such as https://api.example.com:8443, where green's checks run")

  return {
    services,
    targetGroups,
    listenerArn,
    ...(ruleArn ? { ruleArn } : {}),
    ...(desired !== '' ? { desiredCount: parseNumber('ecs-desired-count', desired, undefined, { integer: true, min: 1, max: 5000 }) } : {}),
    ...(testListenerArn ? { testListenerArn } : {})
  }
}
