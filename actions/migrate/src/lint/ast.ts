/** Small readers over libpg-query's JSON parse tree (node → `{ KindName: { …fields } }`). Pure. */
export type Node = Record<string, unknown>

/** `{ Kind: body }` → [Kind, body]; anything else → undefined. */
export function unwrap(value: unknown): [string, Node] | undefined {
  if (!value || typeof value !== 'object') return undefined
  const [kind] = Object.keys(value)
  return kind ? [kind, (value as Node)[kind] as Node] : undefined
}

/** A scalar field as text; `fallback` when it is missing (or, never in a parse tree, not a scalar). */
export function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : fallback
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/** A RangeVar's table name, schema-qualified when the statement qualified it. */
export function tableName(rangeVar: unknown): string {
  const rv = (rangeVar ?? {}) as Node
  const name = text(rv.relname)
  return rv.schemaname ? `${text(rv.schemaname)}.${name}` : name
}

/** `String` nodes of a name list joined with dots (`public.users`). */
export function dottedName(items: unknown): string {
  return list(items)
    .map((item) => {
      const inner = unwrap(item)
      return inner && inner[0] === 'String' ? text(inner[1].sval) : ''
    })
    .filter((part) => part !== '')
    .join('.')
}

/** Functions whose value does not change within a statement: a default calling them needs no table rewrite. */
const NON_VOLATILE_FUNCTIONS = new Set(['now', 'transaction_timestamp', 'statement_timestamp', 'current_timestamp', 'current_date', 'current_user', 'lower', 'upper'])

/** True when an expression is a constant, a cast of one, or a non-volatile function of them. */
export function isNonVolatile(expression: unknown): boolean {
  const node = unwrap(expression)
  if (!node) return true
  const [kind, body] = node
  switch (kind) {
    case 'A_Const':
    case 'SQLValueFunction':
      return true
    case 'TypeCast':
      return isNonVolatile(body.arg)
    case 'A_ArrayExpr':
      return list(body.elements).every(isNonVolatile)
    case 'A_Expr':
      return isNonVolatile(body.lexpr) && isNonVolatile(body.rexpr)
    case 'FuncCall': {
      const name = dottedName(body.funcname).replace(/^pg_catalog\./, '')
      return NON_VOLATILE_FUNCTIONS.has(name) && list(body.args).every(isNonVolatile)
    }
    default:
      return false
  }
}
