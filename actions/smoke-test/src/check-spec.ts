/** The validated shape of a suite, shared by the pure modules and the runner. */

/** Inclusive HTTP status ranges, e.g. [[200, 299], [304, 304]]. */
export type StatusRanges = readonly (readonly [number, number])[]

/** Methods a retry may re-send: sending one twice has the effect of sending it once (RFC 9110). */
export const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']

export const OPERATORS = ['equals', 'contains', 'matches', 'exists', '<', '<=', '>', '>='] as const
export type Operator = (typeof OPERATORS)[number]

export type AssertionTarget = { kind: 'json'; path: string } | { kind: 'header'; name: string } | { kind: 'body' }

export interface Assertion {
  target: AssertionTarget
  operator: Operator
  /** May hold capture placeholders (strings), resolved just before the check runs. */
  expected: unknown
  /** Where it was written, for messages: `expect.json[1]`, `expect.headers.content-type`. */
  field: string
  /**
   * For a JSONPath that matches several nodes: by default every node must pass; with `any`, one
   * passing node is enough. Either way an empty match fails (except `exists: false`).
   */
  any?: boolean
}

export type Capture = { name: string; from: 'json'; path: string } | { name: string; from: 'header'; header: string } | { name: string; from: 'regex'; pattern: string }

export type RequestBody = { kind: 'text'; text: string } | { kind: 'json'; value: unknown }

export interface CheckSpec {
  name: string
  method: string
  /** Environment placeholders are already resolved; capture placeholders remain until run time. */
  url: string
  headers: Record<string, string>
  body?: RequestBody
  statuses: StatusRanges
  assertions: Assertion[]
  /** Per-check latency budget (ms): a slower answer fails the check. */
  latencyMaxMs?: number
  captures: Capture[]
  timeoutMs: number
  retries: number
  /** Set to re-send a non-idempotent method (POST, PATCH) on retry; without it such a check gets one attempt. */
  retryUnsafe?: boolean
  /** Names of the captures this check's placeholders read. */
  uses: string[]
}

export interface SuitePlan {
  checks: CheckSpec[]
  /** For each check, the checks whose captures it reads (they must pass first). */
  dependsOn: Record<string, string[]>
}
