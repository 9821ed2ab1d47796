import { readEventPayload } from '../../../packages/core/event.js'
import * as core from '@actions/core'
import { tmpdir } from 'node:os'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import { runAction } from '../../../packages/core/run-action.js'
import { maskSecret } from '../../../packages/core/secrets.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { removeAuthDir } from '../../../packages/providers/registry/auth-file.js'
import { contentKey } from './content-key.js'
import { build } from './flows/build.js'
import type { FlowContext, FlowResult } from './flows/flow.js'
import { promote } from './flows/promote.js'
import { reuse } from './flows/skip-existing.js'
import { gitContext } from './git-context.js'
import { getInputs } from './inputs.js'
import { ociLabels } from './labels.js'
import { RegistrySession } from './registry-session.js'
import { stepOutputs, summaryMarkdown, type Result } from './report.js'
import { computeTags } from './tags.js'

/** State the post step reads: the credentials directories to remove. */
const AUTH_DIRS = 'auth-dirs'

export const run = (): Promise<void> =>
  runAction(
    'build-push',
    async ({ signal }) => {
      const inputs = getInputs()
      const started = performance.now()
      const now = new Date()
      const git = gitContext(process.env, readEventPayload(), inputs.defaultBranch)
      const tags = computeTags(inputs.tagRules, git, now)
      if (tags.length === 0) throw new Error(`no tag rule applies to this run (${git.eventName} of ${git.ref}): add a rule that always applies, such as short-sha`)
      const labels = ociLabels(git, tags, now, inputs.labels)
      const annotations = { ...ociLabels(git, tags, now, {}), ...inputs.annotations }
      const tempDir = process.env.RUNNER_TEMP || tmpdir()
      const cwd = process.env.GITHUB_WORKSPACE || process.cwd()
      core.info(`build-push: ${inputs.mode === 'promote' ? 'promote' : `${inputs.engine} build`} → ${inputs.images.map((i) => `${i.host}/${i.repository}`).join(', ')} as ${tags.join(', ')}`)

      const session =
        inputs.registries.length > 0
          ? await RegistrySession.open(
              inputs.registries,
              tempDir,
              { attempts: inputs.attempts, attemptTimeoutMs: inputs.attemptTimeoutMs, logger: actionsLogger, signal, mask: (v) => void maskSecret(v), env: process.env },
              (dir) => core.saveState(AUTH_DIRS, JSON.stringify([dir]))
            )
          : undefined
      try {
        const computed = inputs.mode === 'build' ? await contentKey({ ...inputs, engine: inputs.engine }, cwd) : undefined
        const key = computed?.key
        if (inputs.skipExisting && computed?.gitIncluded) {
          core.warning('skip-existing: the build context sends .git, which changes with every commit, so no rerun will find the same content key; add .git to .dockerignore')
        }
        const ctx: FlowContext = { inputs, session, tags, labels, annotations, contentKey: inputs.skipExisting ? key : undefined, cwd, tempDir, logger: actionsLogger, signal }
        let result: Result
        let flow: FlowResult | undefined
        if (inputs.mode === 'promote') {
          flow = await promote(ctx)
          result = 'promoted'
        } else {
          flow = inputs.skipExisting ? await reuse(ctx) : undefined
          result = flow ? 'skipped' : 'built'
          flow ??= await build(ctx)
        }
        const report = {
          result,
          images: inputs.images,
          tags,
          digest: flow.digest,
          pushed: inputs.push,
          contentKey: key,
          size: flow.stats?.size,
          layers: flow.stats?.layers,
          platforms: flow.stats?.platforms.length ? flow.stats.platforms : inputs.platforms,
          engine: inputs.engine,
          durationMs: performance.now() - started,
          source: flow.source
        }
        for (const [name, value] of Object.entries(stepOutputs(report))) core.setOutput(name, value)
        await writeSummary(summaryMarkdown(report))
        core.info(`build-push: ${result} ${flow.digest ?? ''}`)
      } finally {
        await session?.close()
      }
    },
    { post: logout }
  )

/** The post step: signs out by removing every credentials file the main step wrote. */
async function logout(): Promise<void> {
  const raw = core.getState(AUTH_DIRS)
  const dirs = raw ? (JSON.parse(raw) as string[]) : []
  for (const dir of dirs) {
    await removeAuthDir(dir)
    core.info(`build-push: signed out (removed ${dir})`)
  }
  if (dirs.length === 0) core.info('build-push: no credentials to remove')
}
