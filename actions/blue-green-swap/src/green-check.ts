import type { HttpRequest, HttpResponse } from '../../../packages/core/http.js'
import type { Logger } from '../../../packages/core/log.js'
import type { PreparedTarget } from '../../../packages/providers/traffic/types.js'
import type { CheckSpec } from '../../smoke-test/src/check-spec.js'
import { fileLocator } from '../../smoke-test/src/checks-file.js'
import { buildPlan } from '../../smoke-test/src/plan.js'
import { failureReasons, tally } from '../../smoke-test/src/results.js'
import { runSuite } from '../../smoke-test/src/suite.js'
import type { GreenCheckSpec } from './parse-inputs.js'
import type { GreenCheck } from './result.js'

/**
 * The direct check of green, before it gets any user traffic: smoke-test's checks (a checks file
 * whose paths are rebased onto green's own address, or one GET) run against green itself.
 */
export interface GreenCheckDeps {
  send: (request: HttpRequest) => Promise<HttpResponse>
  logger: Logger
  mask: (value: string) => void
  redact: (text: string) => string
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie'])

export async function checkGreen(spec: GreenCheckSpec | undefined, target: PreparedTarget, deps: GreenCheckDeps): Promise<GreenCheck> {
  if (!spec) return { passed: true, detail: 'no checks-file or check-path: only the provider’s own health check' }
  const base = target.directUrl.replace(/\/+$/, '')
  const checks = spec.kind === 'file' ? spec.checks.map((check) => ({ ...check, url: base + check.url.slice(spec.base.length) })) : [pathCheck(base, spec.path)]
  const result = await runSuite(
    { plan: buildPlan(checks, fileLocator), concurrency: 4, budgets: {} },
    { send: deps.send, logger: deps.logger, mask: deps.mask, isSecretHeader: (name) => SECRET_HEADERS.has(name.toLowerCase()), redact: deps.redact }
  )
  const reasons = failureReasons(result)
  const counts = tally(result.checks)
  if (reasons.length > 0) return { passed: false, detail: reasons.join('; ') }
  return { passed: true, detail: `${counts.passed} of ${counts.total} ${counts.total === 1 ? 'check' : 'checks'} passed on ${target.color}` }
}

function pathCheck(base: string, path: string): CheckSpec {
  return { name: `GET ${path}`, method: 'GET', url: base + path, headers: {}, statuses: [[200, 299]], assertions: [], captures: [], timeoutMs: 10_000, retries: 3, uses: [] }
}
