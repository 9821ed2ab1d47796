// The root action (`uses: org/deploy-actions@v1` with `action: <name>`) runs the named action's
// own bundle, which starts its run() on import. The root action.yml declares no defaults (its
// inputs are the union of all six), so the chosen action's defaults are filled in here first.
//
// The root action.yml has a post step (build-push signs out there). The runner calls this file
// again for it; the state saved on the first call tells the two apart, and the post call runs
// the chosen action's bundle only when that action has a post step of its own.
import { appendFileSync, existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import defaults from './defaults.generated.json' with { type: 'json' }
import postSteps from './post-steps.generated.json' with { type: 'json' }
import { applyDefaults } from './apply-defaults.js'

const actions = defaults as Record<string, Record<string, string>>
const name = (process.env.INPUT_ACTION ?? '').trim()
const bundle = resolve(dirname(fileURLToPath(import.meta.url)), '..', name, 'index.js')
const DISPATCHED = 'deploy_actions_dispatched'
const isPost = process.env[`STATE_${DISPATCHED}`] === 'true'
if (isPost) {
  if (postSteps.includes(name) && existsSync(bundle)) {
    applyDefaults(process.env, actions[name])
    await import(/* webpackIgnore: true */ pathToFileURL(bundle).href)
  }
} else if (!Object.hasOwn(actions, name) || !existsSync(bundle)) {
  process.stdout.write(`::error::Input "action" is "${name}", which is not an action of this suite; expected one of ${Object.keys(actions).join(', ')}.\n`)
  process.exitCode = 1
} else {
  if (process.env.GITHUB_STATE) appendFileSync(process.env.GITHUB_STATE, `${DISPATCHED}=true\n`)
  applyDefaults(process.env, actions[name])
  // webpackIgnore: the bundle is a file beside this one at run time, not a module to bundle.
  await import(/* webpackIgnore: true */ pathToFileURL(bundle).href)
}
