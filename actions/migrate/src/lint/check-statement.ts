import { dottedName, isNonVolatile, list, tableName, text, unwrap, type Node } from './ast.js'
import type { LintContext } from './lint-context.js'
import type { ParsedStatement } from './pg-parse.js'
import type { RuleId } from './rules.js'

/** One rule broken by one statement, before severities and ignore comments are applied. */
export interface Violation {
  rule: RuleId
  /** What exactly, e.g. `index "orders_user_id_idx" on "orders"`. */
  detail: string
}

/**
 * The rules for one statement, given what the earlier statements of this run did (`context`,
 * which this also updates). Pure.
 */
export function checkStatement(statement: ParsedStatement, context: LintContext): Violation[] {
  const found: Violation[] = []
  const body = statement.node
  switch (statement.kind) {
    case 'TransactionStmt':
      trackTransaction(text(body.kind), context)
      break
    case 'VariableSetStmt':
      if (text(body.name) === 'lock_timeout') context.lockTimeoutSet = !isZeroSetting(body)
      break
    case 'CreateStmt':
      context.tableCreated(tableName(body.relation))
      break
    case 'IndexStmt':
      checkIndex(body, context, found)
      break
    case 'DropStmt':
      checkDrop(body, context, found)
      break
    case 'RenameStmt':
      checkRename(body, context, found)
      break
    case 'AlterTableStmt':
      checkAlterTable(body, context, found)
      break
    case 'ReindexStmt':
      if (hasConcurrentOption(body.params) && context.inTransactionBlock) found.push({ rule: 'concurrently-in-transaction', detail: 'REINDEX CONCURRENTLY' })
      break
  }
  return found
}

function trackTransaction(kind: string, context: LintContext): void {
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') context.inTransactionBlock = true
  if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_COMMIT_PREPARED') context.inTransactionBlock = false
}

function isZeroSetting(body: Node): boolean {
  if (body.kind === 'VAR_RESET' || body.kind === 'VAR_SET_DEFAULT') return true
  const [first] = list(body.args)
  const constant = unwrap(first)
  if (!constant || constant[0] !== 'A_Const') return false
  const value = constant[1]
  const ival = (value.ival as Node | undefined)?.ival
  const sval = (value.sval as Node | undefined)?.sval
  if (value.ival !== undefined) return ival === undefined || Number(ival) === 0
  return sval !== undefined && /^\s*0\s*(ms|s|min)?\s*$/.test(text(sval))
}

function hasConcurrentOption(params: unknown): boolean {
  return list(params).some((param) => {
    const def = unwrap(param)
    return def?.[0] === 'DefElem' && text(def[1].defname) === 'concurrently'
  })
}

function checkIndex(body: Node, context: LintContext, found: Violation[]): void {
  const table = tableName(body.relation)
  const what = `index ${body.idxname ? `"${text(body.idxname)}" ` : ''}on "${table}"`
  if (body.concurrent === true) {
    if (context.inTransactionBlock) found.push({ rule: 'concurrently-in-transaction', detail: `CREATE INDEX CONCURRENTLY (${what})` })
  } else if (!context.isNewTable(table)) {
    found.push({ rule: 'index-not-concurrent', detail: what })
  }
}

function checkDrop(body: Node, context: LintContext, found: Violation[]): void {
  const type = text(body.removeType)
  if (type === 'OBJECT_INDEX' && body.concurrent === true && context.inTransactionBlock) {
    found.push({ rule: 'concurrently-in-transaction', detail: 'DROP INDEX CONCURRENTLY' })
  }
  if (type !== 'OBJECT_TABLE') return
  for (const object of list(body.objects)) {
    const name = dottedName((unwrap(object)?.[1] ?? {}).items)
    if (context.isNewTable(name)) continue
    found.push({ rule: 'drop-table', detail: `table "${name}"` })
    if (!context.lockTimeoutSet) found.push({ rule: 'lock-timeout-missing', detail: `DROP TABLE "${name}"` })
  }
}

function checkRename(body: Node, context: LintContext, found: Violation[]): void {
  const table = tableName(body.relation)
  if (context.isNewTable(table)) return
  const type = text(body.renameType)
  if (type === 'OBJECT_TABLE') found.push({ rule: 'rename-table', detail: `"${table}" to "${text(body.newname)}"` })
  else if (type === 'OBJECT_COLUMN') found.push({ rule: 'rename-column', detail: `"${table}"."${text(body.subname)}" to "${text(body.newname)}"` })
  else return
  if (!context.lockTimeoutSet) found.push({ rule: 'lock-timeout-missing', detail: `RENAME on "${table}"` })
}

/** Subcommands that do not take an ACCESS EXCLUSIVE lock (VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE). */
const WEAKER_LOCK = new Set(['AT_ValidateConstraint', 'AT_SetStatistics', 'AT_ClusterOn', 'AT_DropCluster', 'AT_SetRelOptions', 'AT_ResetRelOptions'])

function checkAlterTable(body: Node, context: LintContext, found: Violation[]): void {
  const table = tableName(body.relation)
  if (text(body.objtype, 'OBJECT_TABLE') !== 'OBJECT_TABLE') return
  const commands = list(body.cmds).map((cmd) => unwrap(cmd)?.[1] ?? {})
  for (const command of commands) {
    const subtype = text(command.subtype)
    if (subtype === 'AT_AddConstraint') trackNotNullCheck(command, table, context)
    if (subtype === 'AT_ValidateConstraint') context.checkValidated(text(command.name))
  }
  if (context.isNewTable(table)) return
  for (const command of commands) checkAlterCommand(command, table, context, found)
  const strongest = commands.find((command) => !WEAKER_LOCK.has(text(command.subtype)))
  if (strongest && !context.lockTimeoutSet) found.push({ rule: 'lock-timeout-missing', detail: `ALTER TABLE "${table}"` })
}

function checkAlterCommand(command: Node, table: string, context: LintContext, found: Violation[]): void {
  const column = text(command.name)
  switch (text(command.subtype)) {
    case 'AT_AddColumn':
      checkAddColumn(unwrap(command.def)?.[1] ?? {}, table, found)
      break
    case 'AT_AlterColumnType':
      found.push({ rule: 'alter-column-type', detail: `"${table}"."${column}"` })
      break
    case 'AT_SetNotNull':
      if (!context.hasValidatedNotNullCheck(table, column)) found.push({ rule: 'set-not-null-without-check', detail: `"${table}"."${column}"` })
      break
    case 'AT_DropColumn':
      found.push({ rule: 'drop-column', detail: `"${table}"."${column}"` })
      break
    case 'AT_AddConstraint':
      checkAddConstraint(unwrap(command.def)?.[1] ?? {}, table, found)
      break
  }
}

function checkAddColumn(column: Node, table: string, found: Violation[]): void {
  const constraints = list(column.constraints).map((c) => unwrap(c)?.[1] ?? {})
  const notNull = constraints.some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY')
  const fallback = constraints.find((c) => c.contype === 'CONSTR_DEFAULT')
  const name = `"${table}"."${text(column.colname)}"`
  if (fallback && !isNonVolatile(fallback.raw_expr)) found.push({ rule: 'add-column-volatile-default', detail: name })
  else if (notNull && !fallback && !constraints.some((c) => c.contype === 'CONSTR_GENERATED' || c.contype === 'CONSTR_IDENTITY')) {
    found.push({ rule: 'add-column-not-null-without-default', detail: name })
  }
  if (constraints.some((c) => c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY')) found.push({ rule: 'unique-without-index', detail: `${name} (column constraint)` })
  if (constraints.some((c) => c.contype === 'CONSTR_FOREIGN' || c.contype === 'CONSTR_CHECK')) found.push({ rule: 'constraint-without-not-valid', detail: `${name} (column constraint)` })
}

function checkAddConstraint(constraint: Node, table: string, found: Violation[]): void {
  const type = text(constraint.contype)
  const name = constraint.conname ? `"${text(constraint.conname)}" on "${table}"` : `on "${table}"`
  if ((type === 'CONSTR_FOREIGN' || type === 'CONSTR_CHECK') && constraint.skip_validation !== true) {
    found.push({ rule: 'constraint-without-not-valid', detail: `${type === 'CONSTR_FOREIGN' ? 'FOREIGN KEY' : 'CHECK'} ${name}` })
  }
  if ((type === 'CONSTR_UNIQUE' || type === 'CONSTR_PRIMARY') && !constraint.indexname) {
    found.push({ rule: 'unique-without-index', detail: `${type === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'PRIMARY KEY'} ${name}` })
  }
}

/** Remembers `CHECK (col IS NOT NULL)`, validated at once unless NOT VALID. */
function trackNotNullCheck(command: Node, table: string, context: LintContext): void {
  const constraint = unwrap(command.def)?.[1] ?? {}
  if (constraint.contype !== 'CONSTR_CHECK') return
  const test = unwrap(constraint.raw_expr)
  if (!test || test[0] !== 'NullTest' || test[1].nulltesttype !== 'IS_NOT_NULL') return
  const ref = unwrap(test[1].arg)
  if (!ref || ref[0] !== 'ColumnRef') return
  const column = dottedName(ref[1].fields)
  const name = text(constraint.conname, `${table}_${column}_not_null`)
  context.checkAdded(name, { table, column, validated: constraint.skip_validation !== true })
}
