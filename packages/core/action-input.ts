import * as core from '@actions/core'
import { maskSecret } from './secrets.js'

/** Reads inputs the way the runner passes them; empty when unset (action.yml supplies defaults). */
export function input(name: string): string {
  return core.getInput(name)
}

/** Reads an input that holds a secret and masks it before anything else can log it. */
export function secretInput(name: string): string {
  const value = core.getInput(name)
  maskSecret(value)
  return value
}
