import * as core from '@actions/core'
import { failureMessage } from '../../../packages/core/error-message.js'

export async function run(): Promise<void> {
  try {
    core.setOutput('passed', '0')
  } catch (error) {
    core.setFailed(failureMessage('smoke-test', error))
  }
}
