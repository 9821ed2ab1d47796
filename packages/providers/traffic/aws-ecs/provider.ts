import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { TaskDefinition } from '@aws-sdk/client-ecs'
import { awsClientConfig } from '../../../clouds/aws/client-config.js'
import { awsCredentials } from '../../../clouds/aws/credentials.js'
import { InputError } from '../../../core/input-error.js'
import { clientDeps } from '../provider-clock.js'
import type { TrafficProvider, TrafficProviderDeps } from '../types.js'
import type { EcsConfig } from './config.js'

/**
 * Builds the aws-ecs provider for its mode: the template file is read and checked first (an
 * InputError naming ecs-task-definition, before any AWS call), then the shared AWS sign-in (GitHub
 * OIDC with aws-role-arn, else the SDK's default chain) and the official SDK clients, loaded lazily:
 * ECS alone for native blue/green, ECS and ELBv2 for the two-service ALB mode.
 * Endpoints: the SDK-native AWS_ENDPOINT_URL_ECS / AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2.
 */
export async function createEcsProvider(config: EcsConfig, deps: TrafficProviderDeps): Promise<TrafficProvider> {
  const template = config.taskDefinitionFile ? readTemplate(config.taskDefinitionFile) : undefined
  const { ECSClient } = await import('@aws-sdk/client-ecs')
  const { credentials } = await awsCredentials({ ...(config.roleArn ? { webIdentityRoleArn: config.roleArn } : {}) })
  const clientConfig = awsClientConfig({ region: config.region, credentials, attemptTimeoutMs: 30_000 })
  const options = { ...clientDeps(deps), ...(template ? { template } : {}) }
  if (config.mode === 'native') {
    const { NativeBlueGreenProvider } = await import('./native/native-provider.js')
    return new NativeBlueGreenProvider(new ECSClient(clientConfig), config, options)
  }
  const [{ ElasticLoadBalancingV2Client }, { AlbWeightsProvider }] = await Promise.all([import('@aws-sdk/client-elastic-load-balancing-v2'), import('./alb-weights/alb-provider.js')])
  return new AlbWeightsProvider(new ECSClient(clientConfig), new ElasticLoadBalancingV2Client(clientConfig), config, options)
}

/** A task definition JSON: the RegisterTaskDefinition shape, or describe-task-definition's output ({ taskDefinition: … }). */
export function readTemplate(path: string): TaskDefinition {
  let text: string
  try {
    text = readFileSync(resolve(path), 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable'
    throw new InputError('ecs-task-definition', `names ${path}, which ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`, 'a task definition JSON file in the workspace')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new InputError(
      'ecs-task-definition',
      `names ${path}, which is not valid JSON`,
      'a task definition JSON file (as aws ecs describe-task-definition prints it, or its taskDefinition object)'
    )
  }
  const definition = (typeof parsed === 'object' && parsed !== null && 'taskDefinition' in parsed ? parsed.taskDefinition : parsed) as TaskDefinition
  if (
    typeof definition !== 'object' ||
    definition === null ||
    typeof definition.family !== 'string' ||
    !Array.isArray(definition.containerDefinitions) ||
    definition.containerDefinitions.length === 0
  )
    throw new InputError('ecs-task-definition', `names ${path}, which has no family or no containerDefinitions`, 'a task definition with "family" and "containerDefinitions"')
  return definition
}
