import { expect } from '@jest/globals'
import { InputError } from '../../packages/core/input-error.js'

/** The error `parse` throws, which must be an InputError (the test fails when it throws nothing or anything else). */
export function inputErrorOf(parse: () => unknown): InputError {
  let error: unknown
  try {
    parse()
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(InputError)
  return error as InputError
}
