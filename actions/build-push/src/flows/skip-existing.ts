import { copyImage, registrySource, type ImageSource } from '../../../../packages/providers/registry/distribution/copy.js'
import { imageName } from '../../../../packages/providers/registry/image-ref.js'
import { contentKeyTag } from '../content-key.js'
import { imageStats } from '../image-stats.js'
import type { FlowContext, FlowResult } from './flow.js'

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
