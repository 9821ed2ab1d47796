import { outputLines, urlEnvironment, type ToolAdapter } from './tool-adapter.js'

/** Prisma Migrate: `prisma migrate deploy` applies, `prisma migrate status` lists. The schema names the URL variable (env("DATABASE_URL")). */
export const prisma: ToolAdapter = {
  name: 'prisma',
  program: 'prisma',
  npm: true,
  urlEnv: 'DATABASE_URL',
  usesDirectory: false,
  apply: (context) => ({ command: 'prisma', args: ['migrate', 'deploy', ...context.extraArgs], env: urlEnvironment(context) }),
  status: (context) => ({ command: 'prisma', args: ['migrate', 'status', ...context.extraArgs], env: urlEnvironment(context), okExitCodes: [0, 1] }),
  parseApply: parsePrismaDeploy,
  parseStatus: parsePrismaStatus
}

export function parsePrismaDeploy(output: string): string[] | undefined {
  const lines = outputLines(output)
  const applied = lines.map((line) => /^\s*Applying migration `([^`]+)`/.exec(line)?.[1]).filter((name): name is string => name !== undefined)
  if (applied.length > 0) return applied
  if (lines.some((line) => /No pending migrations to apply/i.test(line))) return []
  // Older versions list the applied migrations only as a tree after "have been applied".
  const start = lines.findIndex((line) => /following migration\(s\) have been applied/i.test(line))
  if (start < 0) return undefined
  return lines
    .slice(start + 1)
    .map((line) => /^\s*└─\s*([^/\s]+)\/\s*$/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined)
}

export function parsePrismaStatus(output: string): { pending?: string[]; pendingCount?: number; applied?: string[]; current?: string } {
  const lines = outputLines(output)
  if (lines.some((line) => /Database schema is up to date/i.test(line))) return { pending: [], pendingCount: 0 }
  const start = lines.findIndex((line) => /Following migrations? ha(ve|s) not yet been applied/i.test(line))
  if (start < 0) return {}
  const pending: string[] = []
  for (const line of lines.slice(start + 1)) {
    const name = line.trim()
    if (name === '') {
      if (pending.length > 0) break
      continue
    }
    if (!/^\d{14}_\S+$|^\d+_\S+$/.test(name)) break
    pending.push(name)
  }
  return { pending, pendingCount: pending.length }
}
