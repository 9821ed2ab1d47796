import { InputError } from '../../../packages/core/input-error.js'
import { parseBoolean, parseDuration, parseEnum, parseKeyValueMap, parseList, parseNumber, parseSingleLine } from '../../../packages/core/parsers.js'
import { ImageRefError, parseImageRef, type ImageName, type ImageRef } from '../../../packages/providers/registry/image-ref.js'
import { ecrRegion, isLoopback, registryKind } from '../../../packages/providers/registry/registry-choice.js'
import type { RegistrySpec } from '../../../packages/providers/registry/types.js'
import { ENGINE_NAMES, type EngineName } from './engines/engine.js'
import { engine } from './engines/engines.js'
import { checkTagRules } from './tags.js'

/**
 * Turns the raw inputs (secrets already masked) into one validated object. Pure: every problem is
 * an InputError naming the input, raised before anything is built, signed in to or pushed.
 */

export const INPUT_NAMES = [
  'images',
  'engine',
  'context',
  'file',
  'tags',
  'default-branch',
  'labels',
  'annotations',
  'build-args',
  'secrets',
  'target',
  'platforms',
  'cache-from',
  'cache-to',
  'push',
  'load',
  'provenance',
  'sbom',
  'skip-existing',
  'promote-from',
  'promote-by-tag',
  'registry-auth',
  'github-token',
  'insecure-registries',
  'attempts',
  'timeout',
  'build-timeout'
] as const

export type InputName = (typeof INPUT_NAMES)[number]
export type RawInputs = Record<InputName, string>
export const SECRET_INPUTS: readonly InputName[] = ['secrets', 'registry-auth', 'github-token']

export type Mode = 'build' | 'promote'

export interface BuildPushInputs {
  mode: Mode
  images: ImageName[]
  engine: EngineName
  context: string
  file?: string
  tagRules: string[]
  defaultBranch?: string
  labels: Record<string, string>
  annotations: Record<string, string>
  buildArgs: Record<string, string>
  secrets: Record<string, string>
  target?: string
  platforms: string[]
  cacheFrom: string[]
  cacheTo: string[]
  push: boolean
  load: boolean
  provenance?: string
  sbom: boolean
  skipExisting: boolean
  promoteFrom?: ImageRef
  registries: RegistrySpec[]
  /** Plain-HTTP registries: those listed, and loopback ones among the images. */
  insecureRegistries: string[]
  attempts: number
  attemptTimeoutMs: number
  /** The whole build (the engine's processes) is stopped after this long. */
  buildTimeoutMs: number
}

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/
const SECRET_ID = /^[A-Za-z0-9_.-]{1,128}$/
const BUILD_ARG = /^[A-Za-z_][A-Za-z0-9_]*$/

/** One entry per line: cache specs hold commas (type=registry,ref=…,mode=max). */
function parseLines(raw: string): string[] {
  return raw
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

function optional(raw: string): string | undefined {
  const value = raw.trim()
  return value === '' ? undefined : value
}

function imageRef(input: InputName, raw: string): ImageRef {
  try {
    return parseImageRef(parseSingleLine(input, raw))
  } catch (error) {
    if (error instanceof ImageRefError) throw new InputError(input, error.message, 'a full image name such as ghcr.io/owner/app or docker.io/owner/app')
    throw error
  }
}

export function parseImages(raw: string): ImageName[] {
  const entries = parseList(raw)
  if (entries.length === 0) throw new InputError('images', 'is empty', 'one or more image names such as ghcr.io/owner/app, one per line')
  return entries.map((entry) => {
    const ref = imageRef('images', entry)
    if (ref.tag || ref.digest) throw new InputError('images', `has "${entry}", which carries a tag or digest`, 'image names without tags (tags come from the tags input)')
    return { host: ref.host, repository: ref.repository }
  })
}

export function parsePlatforms(raw: string): string[] {
  const platforms = parseList(raw)
  for (const platform of platforms) {
    if (!PLATFORM.test(platform)) throw new InputError('platforms', `has "${platform}", which is not a platform`, 'os/arch[/variant] such as linux/amd64 or linux/arm64/v8')
  }
  return [...new Set(platforms)]
}

/** `id=value` lines; values are secrets, so an error names only the entry's position or id. */
export function parseSecrets(raw: string): Record<string, string> {
  const secrets = parseKeyValueMap('secrets', raw)
  for (const id of Object.keys(secrets)) {
    if (!SECRET_ID.test(id)) throw new InputError('secrets', `has the id "${id}", which has characters outside letters, digits, _ . -`, 'lines of id=value')
  }
  return secrets
}

/**
 * `registry-auth`: one line per registry, `host=username:password`, or `host=anonymous` for a
 * registry that takes pushes without signing in. The error never shows a value.
 */
export function parseRegistryAuth(raw: string): Map<string, { username: string; password: string } | 'anonymous'> {
  const auth = new Map<string, { username: string; password: string } | 'anonymous'>()
  const lines = raw.split('\n').map((line) => line.replace(/\r$/, '').trim())
  let position = 0
  for (const line of lines) {
    if (line === '') continue
    position += 1
    const at = line.indexOf('=')
    if (at <= 0)
      throw new InputError(
        'registry-auth',
        `entry ${position} is not host=username:password (the value is not shown: it may be a secret)`,
        'lines of host=username:password or host=anonymous'
      )
    const host = line.slice(0, at).trim()
    const value = line.slice(at + 1).trim()
    if (value === 'anonymous') {
      auth.set(host, 'anonymous')
      continue
    }
    const colon = value.indexOf(':')
    if (colon <= 0 || colon === value.length - 1)
      throw new InputError('registry-auth', `entry ${position} (${host}) is not username:password`, 'lines of host=username:password or host=anonymous')
    auth.set(host, { username: value.slice(0, colon), password: value.slice(colon + 1) })
  }
  return auth
}

function registries(raw: RawInputs, hosts: string[]): RegistrySpec[] {
  const auth = parseRegistryAuth(raw['registry-auth'])
  const insecure = new Set(parseList(raw['insecure-registries']))
  for (const host of auth.keys()) {
    if (!hosts.includes(host))
      throw new InputError('registry-auth', `has credentials for ${host}, which no image uses`, `entries only for the registries of images (and promote-from): ${hosts.join(', ')}`)
  }
  const token = optional(raw['github-token'])
  return hosts.map((host) => {
    const entry = auth.get(host)
    const kind = registryKind(host)
    const base = { host, insecure: insecure.has(host) || isLoopback(host) }
    if (entry === 'anonymous') return { ...base, kind: 'anonymous' }
    if (entry) return { ...base, kind: kind === 'ghcr' ? 'ghcr' : 'basic', username: entry.username, password: entry.password }
    switch (kind) {
      case 'ghcr':
        if (!token) throw new InputError('github-token', 'is empty but an image goes to ghcr.io', 'the job token (permissions packages: write) or a ghcr.io=user:token line in registry-auth')
        return { ...base, kind, password: token }
      case 'ecr':
        return { ...base, kind, region: ecrRegion(host) }
      case 'ecr-public':
      case 'acr':
        return { ...base, kind }
      default:
        throw new InputError('registry-auth', `has no credentials for ${host}`, `a line ${host}=username:password (or ${host}=anonymous for a registry without sign-in)`)
    }
  })
}

/** Inputs that a promotion ignores must be empty: set, they would be silently dropped. */
const BUILD_ONLY: InputName[] = ['file', 'build-args', 'secrets', 'target', 'platforms', 'cache-from', 'cache-to', 'provenance', 'labels', 'annotations']

export function parseBuildPushInputs(raw: RawInputs): BuildPushInputs {
  const images = parseImages(raw.images)
  const engineName = parseEnum<EngineName>('engine', raw.engine, ENGINE_NAMES, 'docker')
  const capabilities = engine(engineName).capabilities
  const tagRules = parseList(raw.tags)
  if (tagRules.length === 0) throw new InputError('tags', 'is empty', 'rules such as short-sha, branch, semver, latest, pr, or templates')
  checkTagRules(tagRules)
  const push = parseBoolean('push', raw.push, true)
  const load = parseBoolean('load', raw.load, false)
  if (push && load) throw new InputError('load', 'is true together with push', 'push: true (to registries) or load: true (into the local docker), not both')
  if (load && !capabilities.load)
    throw new InputError('load', `is true but ${engineName} has no local docker to load into`, 'engine: docker, or load: false (buildah keeps the image in its own storage)')
  const provenanceRaw = optional(raw.provenance)
  const provenance = provenanceRaw === undefined ? undefined : parseEnum('provenance', provenanceRaw, ['min', 'max', 'false'] as const)
  if (provenance !== undefined && provenance !== 'false' && !capabilities.provenance)
    throw new InputError('provenance', `is "${provenance}" but ${engineName} cannot attach provenance`, 'engine: docker, or provenance left empty')
  const sbom = parseBoolean('sbom', raw.sbom, false)
  if (sbom && !capabilities.sbom) throw new InputError('sbom', `is true but ${engineName} cannot attach an SBOM`, 'engine: docker, or sbom: false')
  const skipExisting = parseBoolean('skip-existing', raw['skip-existing'], false)
  if (skipExisting && !push) throw new InputError('skip-existing', 'is true but push is false', 'skip-existing only with push: true (it looks the image up in the registry)')
  const attempts = parseNumber('attempts', raw.attempts, 5, { min: 1, max: 20, integer: true })
  const attemptTimeoutMs = parseDuration('timeout', raw.timeout, 300_000)
  const buildTimeoutMs = parseDuration('build-timeout', raw['build-timeout'], 3_600_000)

  const promoteRaw = optional(raw['promote-from'])
  let promoteFrom: ImageRef | undefined
  if (promoteRaw) {
    promoteFrom = imageRef('promote-from', promoteRaw)
    const byTag = parseBoolean('promote-by-tag', raw['promote-by-tag'], false)
    if (!promoteFrom.digest && !byTag)
      throw new InputError('promote-from', `("${promoteRaw}") has no digest`, 'image@sha256:… (the exact bytes tested), or promote-by-tag: true to accept a tag')
    if (promoteFrom.digest && promoteFrom.tag) throw new InputError('promote-from', 'has both a tag and a digest', 'image@sha256:… (the digest alone says which bytes)')
    for (const name of BUILD_ONLY) if (optional(raw[name])) throw new InputError(name, 'is set but promote-from copies an image without building', `${name} empty with promote-from`)
    if (skipExisting) throw new InputError('skip-existing', 'is true but promote-from never builds', 'skip-existing: false with promote-from')
    if (!push) throw new InputError('push', 'is false but promote-from has nothing to do without pushing', 'push: true with promote-from')
  } else if (optional(raw['promote-by-tag']) && parseBoolean('promote-by-tag', raw['promote-by-tag'])) {
    throw new InputError('promote-by-tag', 'is true without promote-from', 'promote-from set, or promote-by-tag: false')
  }

  const buildArgs = parseKeyValueMap('build-args', raw['build-args'])
  for (const name of Object.keys(buildArgs)) {
    if (!BUILD_ARG.test(name)) throw new InputError('build-args', `has the name "${name}", which is not an ARG name`, 'NAME=value lines, names of letters, digits and _')
  }
  const cacheFrom = parseLines(raw['cache-from'])
  const cacheTo = parseLines(raw['cache-to'])
  if (engineName === 'buildah') {
    for (const [name, entries] of [
      ['cache-from', cacheFrom],
      ['cache-to', cacheTo]
    ] as const) {
      for (const entry of entries) {
        try {
          const ref = parseImageRef(entry)
          if (ref.tag || ref.digest) throw new ImageRefError('has a tag')
        } catch {
          throw new InputError(
            name,
            `has "${entry}", which buildah cannot use as a cache`,
            'a repository without tag such as ghcr.io/owner/app-cache (type=gha and other BuildKit backends need engine: docker)'
          )
        }
      }
    }
  }
  const hosts = [...new Set([...images.map((i) => i.host), ...(promoteFrom ? [promoteFrom.host] : [])])]
  const defaultBranch = optional(raw['default-branch'])
  const target = optional(raw.target)
  if (target !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(target))
    throw new InputError('target', `is "${target}", which is not a stage name`, 'the name of a stage (FROM … AS name)')
  const file = optional(raw.file)
  return {
    mode: promoteFrom ? 'promote' : 'build',
    images,
    engine: engineName,
    context: parseSingleLine('context', raw.context) || '.',
    ...(file ? { file: parseSingleLine('file', file) } : {}),
    tagRules,
    ...(defaultBranch ? { defaultBranch: parseSingleLine('default-branch', defaultBranch) } : {}),
    labels: parseKeyValueMap('labels', raw.labels),
    annotations: parseKeyValueMap('annotations', raw.annotations),
    buildArgs,
    secrets: parseSecrets(raw.secrets),
    ...(target ? { target } : {}),
    platforms: parsePlatforms(raw.platforms),
    cacheFrom,
    cacheTo,
    push,
    load,
    ...(provenance !== undefined ? { provenance } : {}),
    sbom,
    skipExisting,
    ...(promoteFrom ? { promoteFrom } : {}),
    registries: push || promoteFrom ? registries(raw, hosts) : [],
    insecureRegistries: [...new Set([...parseList(raw['insecure-registries']).map((host) => parseSingleLine('insecure-registries', host)), ...hosts.filter(isLoopback)])],
    attempts,
    attemptTimeoutMs,
    buildTimeoutMs
  }
}
