import { alembic } from './alembic.js'
import { atlas } from './atlas.js'
import { command } from './command.js'
import { flyway } from './flyway.js'
import { golangMigrate } from './golang-migrate.js'
import { goose } from './goose.js'
import { nodePgMigrate } from './node-pg-migrate.js'
import { prisma } from './prisma.js'
import type { ToolAdapter, ToolName } from './tool-adapter.js'

const ADAPTERS: Record<ToolName, ToolAdapter> = {
  prisma,
  alembic,
  'golang-migrate': golangMigrate,
  goose,
  'node-pg-migrate': nodePgMigrate,
  flyway,
  atlas,
  command
}

export function toolAdapter(name: ToolName): ToolAdapter {
  return ADAPTERS[name]
}
