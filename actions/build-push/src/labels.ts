import type { GitContext } from './git-context.js'
import { semverFromRef } from './tags.js'

/**
 * OCI labels and annotations (org.opencontainers.image.*): source, revision, created, version,
 * title. The user's own labels win over the computed ones. Pure.
 */
export function ociLabels(context: GitContext, tags: string[], now: Date, extra: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = {}
  if (context.serverUrl && context.repository) labels['org.opencontainers.image.source'] = `${context.serverUrl}/${context.repository}`
  if (context.sha) labels['org.opencontainers.image.revision'] = context.sha
  labels['org.opencontainers.image.created'] = now.toISOString()
  const version = semverFromRef(context.ref)?.version ?? tags[0]
  if (version) labels['org.opencontainers.image.version'] = version
  if (context.repository) labels['org.opencontainers.image.title'] = context.repository.split('/').pop() ?? context.repository
  return { ...labels, ...extra }
}
