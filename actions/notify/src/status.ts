import { InputError } from '../../../packages/core/input-error.js'
import { DEPLOY_STATUSES, type DeployStatus } from '../../../packages/providers/notifier/notification-content.js'

const JOB_STATUS: Record<string, DeployStatus> = { success: 'success', failure: 'failure', cancelled: 'cancelled' }

/** An input the runner did not expand (the root dispatcher passes action.yml defaults as text). */
export function unexpanded(raw: string): boolean {
  return /^\s*\$\{\{.*\}\}\s*$/.test(raw)
}

/**
 * The deployment status: `status` when given, else the job's status (`job-status`, which
 * action.yml defaults to `${{ job.status }}`) mapped success → success, failure → failure,
 * cancelled → cancelled. Pure.
 */
export function resolveStatus(statusRaw: string, jobStatusRaw: string): DeployStatus {
  const status = statusRaw.trim().toLowerCase().replace(/-/g, '_')
  if (status !== '') {
    if ((DEPLOY_STATUSES as readonly string[]).includes(status)) return status as DeployStatus
    throw new InputError('status', `is "${statusRaw.trim()}", which is not a deployment status`, `one of ${DEPLOY_STATUSES.join(', ')}`)
  }
  const job = unexpanded(jobStatusRaw) ? '' : jobStatusRaw.trim().toLowerCase()
  if (job === '') throw new InputError('status', 'is empty and so is "job-status"', `one of ${DEPLOY_STATUSES.join(', ')}, or job-status: \${{ job.status }}`)
  const mapped = JOB_STATUS[job]
  if (!mapped) throw new InputError('job-status', `is "${jobStatusRaw.trim()}", which is not a job status`, 'success, failure or cancelled (pass ${{ job.status }})')
  return mapped
}
