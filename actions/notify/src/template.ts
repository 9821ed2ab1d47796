import { InputError } from '../../../packages/core/input-error.js'
import { formatDuration, shortSha, statusStyle, type DeploymentContext } from '../../../packages/providers/notifier/notification-content.js'

/**
 * Message templates: `{{name}}` placeholders (spaces inside the braces allowed) filled from the
 * deployment context, and `{{outputs.NAME}}` from the `outputs` input. Pure. An unknown
 * placeholder, or an `outputs.NAME` that was not passed in, is a bad input found before anything
 * is sent.
 */

export const PLACEHOLDERS = [
  'environment',
  'service',
  'environment_url',
  'url',
  'version',
  'actor',
  'sha',
  'short_sha',
  'ref',
  'repository',
  'run_url',
  'duration',
  'status',
  'status_label',
  'workflow',
  'run_number'
] as const

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g

/** The placeholder names a template uses, in order of appearance. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PATTERN)].map((m) => m[1])
}

/**
 * Extra placeholders of a Slack `payload`, which replaces the whole message: the words the
 * default message would have used, and the status's colour and emoji.
 */
export const PAYLOAD_PLACEHOLDERS = ['title', 'text', 'color', 'emoji', 'slack_emoji'] as const

/** Throws an InputError naming `input` when the template uses a placeholder it cannot fill. */
export function checkTemplate(input: string, template: string, outputNames: readonly string[], extra: readonly string[] = []): void {
  for (const name of placeholdersIn(template)) {
    if (name.startsWith('outputs.')) {
      const key = name.slice('outputs.'.length)
      if (!outputNames.includes(key)) {
        throw new InputError(
          input,
          `uses {{${name}}}, but "outputs" has no ${key === '' ? 'name there' : `"${key}"`}`,
          outputNames.length > 0 ? `one of ${outputNames.map((n) => `{{outputs.${n}}}`).join(', ')}, or pass it in "outputs"` : 'the value passed in "outputs" (JSON or key=value lines)'
        )
      }
      continue
    }
    const known = [...PLACEHOLDERS, ...extra]
    if (!known.includes(name)) {
      throw new InputError(input, `uses the unknown placeholder {{${name}}}`, `one of ${known.map((p) => `{{${p}}}`).join(', ')} or {{outputs.NAME}}`)
    }
  }
}

export function placeholderValues(context: DeploymentContext): Record<(typeof PLACEHOLDERS)[number], string> {
  return {
    environment: context.environment,
    service: context.service ?? '',
    environment_url: context.environmentUrl ?? '',
    url: context.environmentUrl ?? '',
    version: context.version ?? '',
    actor: context.actor,
    sha: context.sha,
    short_sha: shortSha(context.sha),
    ref: context.ref ?? '',
    repository: context.repository,
    run_url: context.runUrl,
    duration: context.durationMs !== undefined ? formatDuration(context.durationMs) : '',
    status: context.status,
    status_label: statusStyle(context.status).label,
    workflow: context.workflow ?? '',
    run_number: context.runNumber ?? ''
  }
}

/** Fills a template already accepted by checkTemplate; `extra` holds the values of the extra placeholders it was checked with. */
export function renderTemplate(template: string, context: DeploymentContext, extra: Record<string, string> = {}): string {
  const values: Record<string, string> = { ...placeholderValues(context), ...extra }
  return template.replace(PATTERN, (whole, name: string) => {
    if (name.startsWith('outputs.')) return context.outputs[name.slice('outputs.'.length)] ?? whole
    return values[name] ?? whole
  })
}
