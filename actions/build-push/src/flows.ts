import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../../../packages/core/log.js'
import { copyImage, registrySource, type ImageSource } from '../../../packages/providers/registry/distribution/copy.js'
import { ociLayoutSource } from '../../../packages/providers/registry/distribution/oci-layout.js'
import { formatRef, imageName } from '../../../packages/providers/registry/image-ref.js'
import { contentKeyTag, findIgnoreFile } from './content-key.js'
import type { BuildPlan } from './engines/engine.js'
import { engine } from './engines/engines.js'
import { imageStats, type ImageStats } from './image-stats.js'
import type { BuildPushInputs } from './parse-inputs.js'
import type { RegistrySession } from './registry-session.js'
import { runInvocation, runWithRetry } from './run-engine.js'

/** The three things a run can do: build (and push), reuse an image with the same content key, promote. */
export interface FlowResult {
  digest?: string
  stats?: ImageStats
  source?: string
}

export interface FlowContext {
  inputs: BuildPushInputs
  session?: RegistrySession
  tags: string[]
  labels: Record<string, string>
  annotations: Record<string, string>
  contentKey?: string
  cwd: string
  tempDir: string
  logger: Logger
  signal: AbortSignal
}

export async function build(ctx: FlowContext): Promise<FlowResult> {
  const { inputs } = ctx
  const selected = engine(inputs.engine)
  const work = await mkdtemp(join(ctx.tempDir, 'build-push-work-'))
  const secretsDir = join(work, 'secrets')
  try {
    await mkdir(secretsDir, { mode: 0o700 })
    const secretFiles: Record<string, string> = {}
    for (const [id, value] of Object.entries(inputs.secrets)) {
      const file = join(secretsDir, `secret-${Object.keys(secretFiles).length}`)
      await writeFile(file, value, { mode: 0o600 })
      secretFiles[id] = file
    }
    const ignoreFile = findIgnoreFile(inputs, ctx.cwd)
    const pushTags = ctx.contentKey ? [...ctx.tags, contentKeyTag(ctx.contentKey)] : ctx.tags
    const plan: BuildPlan = {
      context: inputs.context,
      ...(inputs.file ? { file: inputs.file } : {}),
      ...(inputs.target ? { target: inputs.target } : {}),
      buildArgs: inputs.buildArgs,
      secretFiles,
      platforms: inputs.platforms,
      labels: ctx.labels,
      annotations: ctx.annotations,
      cacheFrom: inputs.cacheFrom,
      cacheTo: inputs.cacheTo,
      ...(inputs.provenance !== undefined ? { provenance: inputs.provenance } : {}),
      sbom: inputs.sbom,
      refs: inputs.images.flatMap((image) => pushTags.map((tag) => formatRef({ ...image, tag }))),
      push: inputs.push,
      load: inputs.load,
      insecureRegistries: inputs.insecureRegistries,
      ...(ignoreFile ? { ignoreFile } : {}),
      localName: `localhost/build-push-${process.pid}-${Date.now().toString(36)}`,
      layoutDir: join(work, 'oci'),
      metadataFile: join(work, 'metadata.json')
    }
    const env = ctx.session?.engineEnv() ?? {}
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(inputs.buildTimeoutMs)])
    const dockerfile = inputs.file ?? join(inputs.context, 'Dockerfile')
    try {
      for (const invocation of selected.build(plan)) {
        if (selected.capabilities.pushesItself && inputs.push) await runWithRetry(invocation, env, ctx.cwd, dockerfile, inputs.attempts, signal)
        else await runInvocation(invocation, env, ctx.cwd, dockerfile, signal)
      }
    } finally {
      // Secret files go as soon as the build is over, whatever happened.
      await rm(secretsDir, { recursive: true, force: true })
    }
    if (selected.capabilities.pushesItself) return await dockerResult(plan, ctx)
    try {
      return await pushLayout(plan.layoutDir, pushTags, ctx)
    } finally {
      for (const invocation of selected.cleanup?.(plan) ?? []) await runInvocation(invocation, env, ctx.cwd, undefined).catch((error) => ctx.logger.warning(`cleanup: ${String(error)}`))
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** Pushes the exported OCI layout to every image, all tags, with the distribution API (retries, Retry-After). */
async function pushLayout(layoutDir: string, tags: string[], ctx: FlowContext): Promise<FlowResult> {
  const source = await ociLayoutSource(layoutDir)
  const stats = await imageStats(source)
  if (!ctx.inputs.push || !ctx.session) return { digest: source.root.digest, stats }
  for (const image of ctx.inputs.images) {
    const copied = await copyImage(source, ctx.session.client(image.host), image.repository, tags, ctx.logger)
    ctx.logger.info(`${imageName(image)}: pushed ${copied.digest} (${copied.blobsUploaded} blobs uploaded, ${copied.blobsPresent} already there) as ${tags.join(', ')}`)
  }
  return { digest: source.root.digest, stats }
}

/**
 * skip-existing: looks for an image tagged with the content key in every target repository. Where
 * it is, the new tags are added to it; where it is not, it is copied from where it is. Returns
 * undefined (build) when no repository has it.
 */
export async function reuse(ctx: FlowContext): Promise<FlowResult | undefined> {
  if (!ctx.session || !ctx.contentKey) return undefined
  const keyTag = contentKeyTag(ctx.contentKey)
  const found = new Map<string, ImageSource>()
  for (const image of ctx.inputs.images) {
    const source = await registrySource(ctx.session.client(image.host), image.repository, keyTag)
    if (source) found.set(imageName(image), source)
  }
  const [first] = found
  if (!first) {
    ctx.logger.info(`skip-existing: no image tagged ${keyTag} yet; building`)
    return undefined
  }
  const [where, source] = first
  ctx.logger.info(`skip-existing: ${where}:${keyTag} is ${source.root.digest}; tagging it instead of building`)
  for (const image of ctx.inputs.images) {
    const client = ctx.session.client(image.host)
    const local = found.get(imageName(image))
    if (local && local.root.digest === source.root.digest) {
      for (const tag of ctx.tags) await client.putManifest(image.repository, tag, source.root)
    } else {
      await copyImage(source, client, image.repository, [...ctx.tags, keyTag], ctx.logger)
    }
  }
  return { digest: source.root.digest, stats: await imageStats(source), source: `${where}@${source.root.digest}` }
}

/** promote-from: copies the image by digest to every target, under the new tags, without building. */
export async function promote(ctx: FlowContext): Promise<FlowResult> {
  const from = ctx.inputs.promoteFrom
  if (!from || !ctx.session) throw new Error('promote-from is not set')
  const reference = from.digest ?? from.tag ?? 'latest'
  const source = await registrySource(ctx.session.client(from.host), from.repository, reference)
  if (!source) throw new Error(`promote-from: ${formatRef(from)} was not found in the registry`)
  if (from.digest && source.root.digest !== from.digest) throw new Error(`promote-from: the registry answered ${source.root.digest} for ${formatRef(from)}`)
  if (!from.digest) ctx.logger.info(`promote-from: ${formatRef(from)} is ${source.root.digest} now; promoting that digest`)
  for (const image of ctx.inputs.images) {
    const copied = await copyImage(source, ctx.session.client(image.host), image.repository, ctx.tags, ctx.logger)
    ctx.logger.info(`${imageName(image)}: ${copied.digest} as ${ctx.tags.join(', ')} (${copied.blobsUploaded} blobs copied, ${copied.blobsPresent} already there)`)
  }
  return { digest: source.root.digest, stats: await imageStats(source), source: `${imageName(from)}@${source.root.digest}` }
}

async function dockerResult(plan: BuildPlan, ctx: FlowContext): Promise<FlowResult> {
  const metadata = JSON.parse(await readFile(plan.metadataFile, 'utf8').catch(() => '{}')) as Record<string, unknown>
  const digest = typeof metadata['containerimage.digest'] === 'string' ? metadata['containerimage.digest'] : undefined
  if (!digest || !ctx.inputs.push || !ctx.session) return { digest }
  const first = ctx.inputs.images[0]
  const source = await registrySource(ctx.session.client(first.host), first.repository, digest)
  return { digest, stats: source ? await imageStats(source) : undefined }
}
