/**
 * What the lint remembers while it walks the pending migrations in order: tables created by them
 * (new tables are empty and unused, so locking rules do not apply), CHECK (col IS NOT NULL)
 * constraints and whether they are validated, and per file whether lock_timeout was set and
 * whether a BEGIN block is open.
 */
export interface NotNullCheck {
  table: string
  column: string
  validated: boolean
}

export class LintContext {
  private readonly createdTables = new Set<string>()
  private readonly checks = new Map<string, NotNullCheck>()
  lockTimeoutSet = false
  inTransactionBlock = false

  /** Starts a new file: session settings and transaction blocks do not carry over. */
  startFile(): void {
    this.lockTimeoutSet = false
    this.inTransactionBlock = false
  }

  tableCreated(table: string): void {
    this.createdTables.add(table)
  }

  isNewTable(table: string): boolean {
    return this.createdTables.has(table)
  }

  checkAdded(name: string, check: NotNullCheck): void {
    this.checks.set(name, check)
  }

  checkValidated(name: string): void {
    const check = this.checks.get(name)
    if (check) check.validated = true
  }

  hasValidatedNotNullCheck(table: string, column: string): boolean {
    return [...this.checks.values()].some((c) => c.validated && c.table === table && c.column === column)
  }
}
