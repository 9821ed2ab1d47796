// The root action (`uses: org/deploy-actions@v1` with `action: <name>`) runs the named action's
// own bundle, which starts its run() on import. The root action.yml declares no defaults (its
// inputs are the union of all six), so the chosen action's defaults are filled in here first.
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import defaults from './defaults.generated.json' with { type: 'json' }
import { applyDefaults } from './apply-defaults.js'

const actions = defaults as Record<string, Record<string, string>>
const name = (process.env.INPUT_ACTION ?? '').trim()
const bundle = resolve(dirname(fileURLToPath(import.meta.url)), '..', name, 'index.js')
if (!Object.hasOwn(actions, name) || !existsSync(bundle)) {
  process.stdout.write(
    `::error::Input "action" is "${name}", which is not an action of this suite; expected one of ${Object.keys(actions).join(', ')}.\n`
  )
  process.exitCode = 1
} else {
  applyDefaults(process.env, actions[name])
  // webpackIgnore: the bundle is a file beside this one at run time, not a module to bundle.
  await import(/* webpackIgnore: true */ pathToFileURL(bundle).href)
}
