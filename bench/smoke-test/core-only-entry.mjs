// The start-up floor: a bundle of @actions/core alone that fails fast the way an action does on
// bad input (reads one input, fails the step with one line). Bundled by startup.mjs with ncc.
import * as core from '@actions/core'

if (core.getInput('url') === '') core.setFailed('Input "url" is empty; expected a URL')
