import { InputError } from '../../../../packages/core/input-error.js'
import { RULE_IDS, type RuleId, type Severity } from './rules.js'
import type { Severities } from './lint.js'

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'off']

/** The `lint-rules` input: `rule=severity` pairs (lines or commas), e.g. `drop-column=warning, lock-timeout-missing=off`. Pure. */
export function parseLintRules(raw: string): Severities {
  const severities: Severities = {}
  const entries = raw
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  for (const entry of entries) {
    const [rule, severity, ...rest] = entry.split('=').map((part) => part.trim())
    if (severity === undefined || rest.length > 0)
      throw new InputError('lint-rules', `has "${entry}", which is not rule=severity`, `rule=error, rule=warning or rule=off, with rules ${RULE_IDS.join(', ')}`)
    if (!(RULE_IDS as readonly string[]).includes(rule)) throw new InputError('lint-rules', `names "${rule}", which is not a rule`, `one of ${RULE_IDS.join(', ')}`)
    if (!(SEVERITIES as readonly string[]).includes(severity)) throw new InputError('lint-rules', `sets ${rule} to "${severity}"`, 'error, warning or off')
    severities[rule as RuleId] = severity as Severity
  }
  return severities
}
