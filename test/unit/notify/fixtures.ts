import type { DeploymentContext, NotificationMessage } from '../../../packages/providers/notifier/notification-content.js'

export const context: DeploymentContext = {
  status: 'success',
  environment: 'production',
  environmentUrl: 'https://shop.example.com',
  version: 'v1.4.2',
  actor: 'octocat',
  repository: 'octo-org/shop',
  sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  ref: 'main',
  serverUrl: 'https://github.com',
  runUrl: 'https://github.com/octo-org/shop/actions/runs/1658821493',
  workflow: 'Deploy',
  runId: '1658821493',
  runNumber: '42',
  durationMs: 95_000,
  outputs: { image: 'ghcr.io/octo-org/shop:1.4.2' }
}

export const message: NotificationMessage = { title: '✅ shop v1.4.2 is live on production', text: 'shop v1.4.2 was deployed to production by octocat in 1m 35s.' }

export function withContext(overrides: Partial<DeploymentContext>): DeploymentContext {
  return { ...context, ...overrides }
}
