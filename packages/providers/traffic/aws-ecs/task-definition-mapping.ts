import type { ContainerDefinition, RegisterTaskDefinitionCommandInput, TaskDefinition } from '@aws-sdk/client-ecs'
import type { Color } from '../types.js'
import { TAG } from './state-tags.js'

/**
 * Pure mapping for the task definitions both modes register: the RegisterTaskDefinition request for
 * a release (only the container's image replaced; the version and, in native mode, the color kept
 * in the revision's tags), the version and color a revision carries, and the revisions to deregister.
 */

const READ_ONLY_FIELDS = ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt'] as const

/** The RegisterTaskDefinition request for `image`: the source definition (the service's current one or a template file) with only the container's image replaced. */
export function registerRequest(source: TaskDefinition, image: string, version: string, containerName: string | undefined, color?: Color): RegisterTaskDefinitionCommandInput {
  const copy: Record<string, unknown> = { ...source }
  for (const field of READ_ONLY_FIELDS) delete copy[field]
  const containers = source.containerDefinitions ?? []
  if (!source.family) throw new Error('the task definition has no family')
  const target = pickContainer(containers, containerName)
  const containerDefinitions = containers.map((container) => (container === target ? { ...container, image } : container))
  return {
    ...(copy as unknown as RegisterTaskDefinitionCommandInput),
    family: source.family,
    containerDefinitions,
    tags: [{ key: TAG.version, value: version }, ...(color ? [{ key: TAG.color, value: color }] : [])]
  }
}

function pickContainer(containers: ContainerDefinition[], name: string | undefined): ContainerDefinition {
  if (name) {
    const found = containers.find((container) => container.name === name)
    if (!found) throw new Error(`the task definition has no container "${name}" (it has ${containers.map((c) => c.name).join(', ') || 'none'})`)
    return found
  }
  if (containers.length !== 1)
    throw new Error(`the task definition has ${containers.length} containers (${containers.map((c) => c.name).join(', ')}); name the one to update with ecs-container`)
  return containers[0]
}

/** The version a task definition runs: our tag, else the image's tag or digest. */
export function versionOf(definition: TaskDefinition | undefined, tags: Array<{ key?: string; value?: string }> | undefined, containerName: string | undefined): string | undefined {
  const tagged = tags?.find((tag) => tag.key === TAG.version)?.value
  if (tagged) return tagged
  const containers = definition?.containerDefinitions ?? []
  const container = containerName ? containers.find((c) => c.name === containerName) : containers.length === 1 ? containers[0] : undefined
  const image = container?.image
  if (!image) return undefined
  const at = image.lastIndexOf('@')
  if (at >= 0) return image.slice(at + 1)
  const colon = image.lastIndexOf(':')
  return colon > image.lastIndexOf('/') ? image.slice(colon + 1) : 'latest'
}

/** Revisions beyond the newest `keep` of the family, never one a service still uses. `arns` in any order. */
export function revisionsToDeregister(arns: string[], inUse: string[], keep: number): string[] {
  if (keep <= 0) return []
  const revision = (arn: string): number => Number(arn.slice(arn.lastIndexOf(':') + 1))
  const newestFirst = [...arns].sort((a, b) => revision(b) - revision(a))
  return newestFirst.slice(keep).filter((arn) => !inUse.includes(arn))
}

/** The color a revision was registered for (native mode), from its tags. */
export function colorOf(tags: Array<{ key?: string; value?: string }> | undefined): Color | undefined {
  const value = tags?.find((tag) => tag.key === TAG.color)?.value
  return value === 'blue' || value === 'green' ? value : undefined
}

export function familyOf(arn: string): string | undefined {
  return /:task-definition\/([^:]+):\d+$/.exec(arn)?.[1]
}

export function shortArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1)
}
