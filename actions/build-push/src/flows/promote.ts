import { copyImage, registrySource } from '../../../../packages/providers/registry/distribution/copy.js'
import { formatRef, imageName } from '../../../../packages/providers/registry/image-ref.js'
import { imageStats } from '../image-stats.js'
import type { FlowContext, FlowResult } from './flow.js'

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
