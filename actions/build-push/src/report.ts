import { formatBytes, formatMs } from '../../../packages/core/markdown.js'
import { imageName, type ImageName } from '../../../packages/providers/registry/image-ref.js'

/** What one run did, turned into step outputs and the job summary. Pure. */
export type Result = 'built' | 'skipped' | 'promoted'

export interface RunReport {
  result: Result
  images: ImageName[]
  tags: string[]
  digest?: string
  pushed: boolean
  contentKey?: string
  size?: number
  layers?: number
  platforms: string[]
  engine: string
  durationMs: number
  /** skipped: where the image with the same content key was found; promoted: the source. */
  source?: string
}

export function fullTags(report: RunReport): string[] {
  return report.images.flatMap((image) => report.tags.map((tag) => `${imageName(image)}:${tag}`))
}

export function refsByDigest(report: RunReport): string[] {
  return report.digest && report.pushed ? report.images.map((image) => `${imageName(image)}@${report.digest}`) : []
}

export function stepOutputs(report: RunReport): Record<string, string> {
  const metadata = {
    result: report.result,
    image: imageName(report.images[0]),
    images: report.images.map(imageName),
    tags: fullTags(report),
    digest: report.digest ?? null,
    refs: refsByDigest(report),
    contentKey: report.contentKey ?? null,
    size: report.size ?? null,
    layers: report.layers ?? null,
    platforms: report.platforms,
    engine: report.engine,
    durationMs: Math.round(report.durationMs),
    source: report.source ?? null
  }
  return {
    result: report.result,
    image: imageName(report.images[0]),
    tags: fullTags(report).join('\n'),
    digest: report.digest ?? '',
    refs: refsByDigest(report).join('\n'),
    'content-key': report.contentKey ?? '',
    metadata: JSON.stringify(metadata)
  }
}

const VERB: Record<Result, string> = { built: 'Built', skipped: 'Skipped the build (same content already pushed)', promoted: 'Promoted without rebuilding' }

export function summaryMarkdown(report: RunReport): string {
  const rows: Array<[string, string]> = [
    ['Result', report.result],
    ['Digest', report.digest ? `\`${report.digest}\`` : '—'],
    ['Size', report.size !== undefined ? formatBytes(report.size) : '—'],
    ['Layers', report.layers !== undefined ? String(report.layers) : '—'],
    ['Platforms', report.platforms.length > 0 ? report.platforms.join(', ') : '—'],
    ['Duration', formatMs(report.durationMs)],
    ['Engine', report.result === 'built' ? report.engine : '—']
  ]
  if (report.contentKey) rows.push(['Content key', `\`${report.contentKey.slice(0, 16)}…\``])
  if (report.source) rows.push([report.result === 'promoted' ? 'From' : 'Found at', `\`${report.source}\``])
  const lines = [
    `### build-push: ${VERB[report.result]}`,
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    report.pushed ? '**Tags**' : '**Tags** (not pushed)',
    '',
    ...fullTags(report).map((tag) => `- \`${tag}\``),
    ''
  ]
  const refs = refsByDigest(report)
  if (refs.length > 0) lines.push('**By digest**', '', ...refs.map((ref) => `- \`${ref}\``), '')
  return lines.join('\n')
}
