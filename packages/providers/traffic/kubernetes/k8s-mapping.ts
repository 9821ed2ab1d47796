import type { PollResult } from '../../../core/poll.js'
import { otherColor, type Color, type DeployRecord, type PausedDeployment, type TrafficStatus } from '../types.js'
import { CANARY_ANNOTATION, CANARY_WEIGHT_ANNOTATION, COLOR_LABEL, STATE_ANNOTATION, type SwitchMode } from './config.js'

/**
 * Pure mapping between Kubernetes objects (the API reference's shapes, only the fields read here)
 * and the traffic capability: which color the Service selects, the canary weight, a Deployment's
 * rollout, and the record kept in an annotation on the Service.
 */

export interface K8sMeta {
  name?: string
  namespace?: string
  resourceVersion?: string
  generation?: number
  labels?: Record<string, string>
  annotations?: Record<string, string>
}

export interface K8sContainer {
  name: string
  image?: string
}

export interface K8sCondition {
  type: string
  status: string
  reason?: string
  message?: string
}

export interface K8sDeployment {
  metadata?: K8sMeta
  spec?: { replicas?: number; template?: { metadata?: K8sMeta; spec?: { containers?: K8sContainer[] } } }
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number; conditions?: K8sCondition[] }
}

export interface K8sService {
  metadata?: K8sMeta
  spec?: { selector?: Record<string, string> }
}

export interface K8sIngressPath {
  path?: string
  pathType?: string
  backend?: { service?: { name?: string; port?: { number?: number; name?: string } } }
}

export interface K8sIngress {
  metadata?: K8sMeta
  spec?: { rules?: { host?: string; http?: { paths?: K8sIngressPath[] } }[]; tls?: { hosts?: string[] }[] }
}

/** What the provider records on the Service (annotation `deploy-actions/state`), so status() is the truth across runs. */
export interface K8sState {
  /** The version each color's Deployment runs, as deployed by this action. */
  versions: Partial<Record<Color, string>>
  images: Partial<Record<Color, string>>
  /** The color active before the last promotion, kept running for an instant rollback; cleared by a rollback. */
  previous?: Color
  paused?: PausedDeployment
  /** Most recent first, bounded. */
  history: DeployRecord[]
}

export const HISTORY_LIMIT = 10

export function readState(service: K8sService | undefined): K8sState {
  const text = service?.metadata?.annotations?.[STATE_ANNOTATION]
  const empty: K8sState = { versions: {}, images: {}, history: [] }
  if (!text) return empty
  try {
    const parsed = JSON.parse(text) as Partial<K8sState>
    return {
      versions: parsed.versions ?? {},
      images: parsed.images ?? {},
      ...(parsed.previous === 'blue' || parsed.previous === 'green' ? { previous: parsed.previous } : {}),
      ...(parsed.paused ? { paused: parsed.paused } : {}),
      history: Array.isArray(parsed.history) ? parsed.history.slice(0, HISTORY_LIMIT) : []
    }
  } catch {
    // Someone edited the annotation by hand: start a new record rather than fail every run.
    return empty
  }
}

export function writeState(state: K8sState): string {
  return JSON.stringify({ ...state, history: state.history.slice(0, HISTORY_LIMIT) })
}

/** The color the Service selects. */
export function selectedColor(service: K8sService | undefined): Color | undefined {
  const value = service?.spec?.selector?.[COLOR_LABEL]
  return value === 'blue' || value === 'green' ? value : undefined
}

/** The active color; a Service that selects no color would send users to both Deployments, so nothing is changed until it does. */
export function activeColor(service: K8sService): Color {
  const color = selectedColor(service)
  if (color) return color
  const value = service.spec?.selector?.[COLOR_LABEL]
  throw new Error(
    `Service ${service.metadata?.name ?? ''} ${value === undefined ? `selects no ${COLOR_LABEL}` : `selects ${COLOR_LABEL}: ${value}`}, so it would reach the pods of both colors; add ${COLOR_LABEL}: blue (the color serving now) to its selector (see docs/providers/kubernetes.md)`
  )
}

/** The canary Ingress's split: the color its backend Services belong to and the weight (0 when not a canary or no weight). */
export function canarySplit(canary: K8sIngress | undefined, app: string): { color?: Color; weight: number } {
  const annotations = canary?.metadata?.annotations ?? {}
  const names = new Set(ingressPaths(canary).map((p) => p.backend?.service?.name))
  const color = names.size === 1 ? ([...names][0] === `${app}-green` ? 'green' : [...names][0] === `${app}-blue` ? 'blue' : undefined) : undefined
  const weight = annotations[CANARY_ANNOTATION] === 'true' ? Number(annotations[CANARY_WEIGHT_ANNOTATION] ?? '0') : 0
  return { ...(color ? { color } : {}), weight: Number.isFinite(weight) ? Math.min(100, Math.max(0, Math.round(weight))) : 0 }
}

function ingressPaths(ingress: K8sIngress | undefined): K8sIngressPath[] {
  return (ingress?.spec?.rules ?? []).flatMap((rule) => rule.http?.paths ?? [])
}

/**
 * The merge patch that points every path of the canary Ingress at `<app>-<color>` with `weight`.
 * Rules are a list (merge patch replaces it whole), so the read rules are rewritten; the read
 * resourceVersion makes the patch fail with 409 when someone changed the Ingress in between.
 */
export function canaryPatch(canary: K8sIngress, app: string, color: Color, weight: number): object {
  const rules = (canary.spec?.rules ?? []).map((rule) => ({
    ...rule,
    ...(rule.http
      ? { http: { ...rule.http, paths: (rule.http.paths ?? []).map((p) => ({ ...p, backend: { ...p.backend, service: { ...p.backend?.service, name: `${app}-${color}` } } })) } }
      : {})
  }))
  const current = canarySplit(canary, app)
  return {
    metadata: {
      ...(canary.metadata?.resourceVersion ? { resourceVersion: canary.metadata.resourceVersion } : {}),
      annotations: { [CANARY_ANNOTATION]: 'true', [CANARY_WEIGHT_ANNOTATION]: String(weight) }
    },
    // Only rewrite the rules when the backend changes color: a weight change alone stays a two-key patch.
    ...(current.color !== color ? { spec: { rules } } : {})
  }
}

/** The merge patch of the Service: its selector's color and the record. */
export function servicePatch(color: Color, state: K8sState): object {
  return { metadata: { annotations: { [STATE_ANNOTATION]: writeState(state) } }, spec: { selector: { [COLOR_LABEL]: color } } }
}

export function stateOnlyPatch(state: K8sState): object {
  return { metadata: { annotations: { [STATE_ANNOTATION]: writeState(state) } } }
}

/** The container to update: the one named, else the only one; an error names k8s-container otherwise. */
export function containerIndex(deployment: K8sDeployment, name: string | undefined): number {
  const containers = deployment.spec?.template?.spec?.containers ?? []
  const deploymentName = deployment.metadata?.name ?? 'the Deployment'
  if (name !== undefined) {
    const index = containers.findIndex((c) => c.name === name)
    if (index < 0) throw new Error(`Deployment ${deploymentName} has no container "${name}" (k8s-container); it has ${containers.map((c) => c.name).join(', ') || 'none'}`)
    return index
  }
  if (containers.length !== 1)
    throw new Error(`Deployment ${deploymentName} has ${containers.length} containers (${containers.map((c) => c.name).join(', ')}); name the one to update with k8s-container`)
  return 0
}

/** JSON patch of the idle Deployment: the image (guarded by a test of the container's name), the replicas, the version annotation. */
export function imagePatch(deployment: K8sDeployment, index: number, image: string, replicas: number, version: string): object[] {
  const container = deployment.spec!.template!.spec!.containers![index]
  const base = `/spec/template/spec/containers/${index}`
  return [
    { op: 'test', path: `${base}/name`, value: container.name },
    { op: 'replace', path: `${base}/image`, value: image },
    { op: 'replace', path: '/spec/replicas', value: replicas },
    ...(deployment.metadata?.annotations ? [] : [{ op: 'add', path: '/metadata/annotations', value: {} }]),
    { op: 'add', path: '/metadata/annotations/deploy-actions~1version', value: version }
  ]
}

/** The Service finds a color's pods by the label; a Deployment whose pods lack it could never get traffic. */
export function checkColorLabel(deployment: K8sDeployment, color: Color): void {
  const label = deployment.spec?.template?.metadata?.labels?.[COLOR_LABEL]
  if (label !== color)
    throw new Error(
      `Deployment ${deployment.metadata?.name ?? color}'s pod template is labelled ${COLOR_LABEL}: ${label ?? '(none)'}, not ${color}; the Service selects pods by that label (see docs/providers/kubernetes.md)`
    )
}

/** ingress-nginx: the canary Ingress sends its weight to the Service `<app>-<color>`; one that does not select that color's pods would send the share elsewhere. */
export function checkColorService(service: K8sService, color: Color): void {
  const selected = service.spec?.selector?.[COLOR_LABEL]
  if (selected !== color)
    throw new Error(
      `Service ${service.metadata?.name ?? color} selects ${COLOR_LABEL}: ${selected ?? '(none)'}, not ${color}; the canary Ingress sends its weight to it (see docs/providers/kubernetes.md)`
    )
}

export function deploymentImage(deployment: K8sDeployment | undefined, container: string | undefined): string | undefined {
  const containers = deployment?.spec?.template?.spec?.containers ?? []
  return (container !== undefined ? containers.find((c) => c.name === container) : containers[0])?.image
}

/**
 * One look at a rollout, the way `kubectl rollout status` judges it: the controller has seen the
 * latest spec (observedGeneration), every replica is updated and available, no old one is left.
 * ProgressDeadlineExceeded is a failure.
 */
export function rolloutProgress(deployment: K8sDeployment): PollResult<K8sDeployment> {
  const name = deployment.metadata?.name ?? 'the Deployment'
  const status = deployment.status ?? {}
  const want = deployment.spec?.replicas ?? 1
  // Until the controller has seen the new spec, the conditions describe the previous rollout.
  if ((status.observedGeneration ?? 0) < (deployment.metadata?.generation ?? 0)) return { done: false, status: 'waiting for the controller to see the new spec' }
  const stalled = (status.conditions ?? []).find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')
  if (stalled) throw new Error(`Deployment ${name} exceeded its progress deadline (ProgressDeadlineExceeded${stalled.message ? `: ${stalled.message}` : ''})`)
  const updated = status.updatedReplicas ?? 0
  const available = status.availableReplicas ?? 0
  const total = status.replicas ?? 0
  const percent = want === 0 ? 100 : Math.round((Math.min(updated, available) / want) * 100)
  if (updated < want) return { done: false, status: `${updated} of ${want} replicas updated`, percent }
  if (total > updated) return { done: false, status: `${total - updated} old replicas pending termination`, percent }
  if (available < updated) return { done: false, status: `${available} of ${updated} updated replicas available`, percent }
  return { done: true, value: deployment }
}

export interface ClusterView {
  service: K8sService
  deployments: Partial<Record<Color, K8sDeployment>>
  canary?: K8sIngress
}

/** status(): the cluster's truth (selector, canary weight, images) with the recorded versions. */
export function toTrafficStatus(view: ClusterView, mode: SwitchMode, app: string, container: string | undefined): TrafficStatus {
  const state = readState(view.service)
  const active = activeColor(view.service)
  const idle = otherColor(active)
  const split = mode === 'ingress-nginx' ? canarySplit(view.canary, app) : { weight: 0 }
  const onIdle = split.color === idle ? split.weight : 0
  const versionOf = (color: Color): string | undefined => {
    const image = deploymentImage(view.deployments[color], container)
    // The record's version holds while the Deployment still runs the image recorded with it (no one changed it by hand).
    return state.versions[color] !== undefined && (state.images[color] === undefined || state.images[color] === image) ? state.versions[color] : image
  }
  const activeVersion = versionOf(active)
  const previousRunning = state.previous === idle && (view.deployments[idle]?.spec?.replicas ?? 0) > 0
  const previousVersion = previousRunning ? versionOf(idle) : undefined
  return {
    active,
    ...(activeVersion !== undefined ? { activeVersion } : {}),
    ...(previousVersion !== undefined ? { previousVersion } : {}),
    weights: { [active]: 100 - onIdle, [idle]: onIdle } as Record<Color, number>,
    ...(state.paused ? { paused: state.paused } : {}),
    history: state.history
  }
}

/** A short account of where traffic stands, for errors after a failed change. */
export function describeTraffic(status: TrafficStatus): string {
  const idle = otherColor(status.active)
  return status.weights[idle] > 0
    ? `${status.weights[status.active]}% on ${status.active}, ${status.weights[idle]}% on ${idle}`
    : `all traffic on ${status.active}${status.activeVersion ? ` (${status.activeVersion})` : ''}`
}
