import { outputLines, urlEnvironment, type ToolAdapter } from './tool-adapter.js'

/**
 * Alembic: `alembic upgrade <target|head>` applies, `alembic current` tells the revision. Its
 * env.py reads the URL (commonly from DATABASE_URL); the log goes to stderr.
 */
export const alembic: ToolAdapter = {
  name: 'alembic',
  program: 'alembic',
  urlEnv: 'DATABASE_URL',
  usesDirectory: false,
  apply: (context) => ({ command: 'alembic', args: [...context.extraArgs, 'upgrade', context.target ?? 'head'], env: urlEnvironment(context) }),
  status: (context) => ({ command: 'alembic', args: [...context.extraArgs, 'current'], env: urlEnvironment(context) }),
  parseApply: parseAlembicUpgrade,
  parseStatus: parseAlembicCurrent
}

export function parseAlembicUpgrade(output: string): string[] | undefined {
  const applied: string[] = []
  let sawAlembic = false
  for (const line of outputLines(output)) {
    if (/\[alembic\./.test(line)) sawAlembic = true
    const match = /Running upgrade\s+(\S*)\s*->\s*([^,\s]+)(?:,\s*(.*))?$/.exec(line)
    if (match) applied.push(match[3] ? `${match[2]} ${match[3].trim()}` : match[2])
  }
  return applied.length > 0 || sawAlembic ? applied : undefined
}

export function parseAlembicCurrent(output: string): { current?: string; pendingCount?: number; pending?: string[] } {
  for (const line of outputLines(output)) {
    if (/^\s*INFO\b|^\s*$/.test(line)) continue
    const match = /^\s*([0-9a-zA-Z_]+)(\s+\(head\))?/.exec(line)
    if (match) return match[2] ? { current: match[1], pending: [], pendingCount: 0 } : { current: match[1] }
  }
  // No revision line: an empty database (nothing applied yet).
  return { current: undefined }
}
