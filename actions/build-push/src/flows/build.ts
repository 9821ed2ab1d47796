import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { copyImage, registrySource } from '../../../../packages/providers/registry/distribution/copy.js'
import { ociLayoutSource } from '../../../../packages/providers/registry/distribution/oci-layout.js'
import { formatRef, imageName } from '../../../../packages/providers/registry/image-ref.js'
import { contentKeyTag, findIgnoreFile } from '../content-key.js'
import type { BuildPlan } from '../engines/engine.js'
import { engine } from '../engines/engines.js'
import { imageStats } from '../image-stats.js'
import { runInvocation, runWithRetry } from '../run-engine.js'
import type { FlowContext, FlowResult } from './flow.js'

/**
 * Builds with the chosen engine: secrets into owner-only files removed right after the build;
 * docker pushes itself, buildah's OCI export is pushed to every image by the distribution API.
 */
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

async function dockerResult(plan: BuildPlan, ctx: FlowContext): Promise<FlowResult> {
  const metadata = JSON.parse(await readFile(plan.metadataFile, 'utf8').catch(() => '{}')) as Record<string, unknown>
  const digest = typeof metadata['containerimage.digest'] === 'string' ? metadata['containerimage.digest'] : undefined
  if (!digest || !ctx.inputs.push || !ctx.session) return { digest }
  const first = ctx.inputs.images[0]
  const source = await registrySource(ctx.session.client(first.host), first.repository, digest)
  return { digest, stats: source ? await imageStats(source) : undefined }
}
