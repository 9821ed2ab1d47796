/**
 * A problem with what the user passed in. Its message is one line that names the input, says
 * what is wrong with the value and what is expected, so the action can fail before any side
 * effect without a stack trace.
 */
export class InputError extends Error {
  readonly input: string

  constructor(input: string, problem: string, expected?: string) {
    super(`Input "${input}" ${problem}${expected ? `; expected ${expected}` : ''}.`)
    this.name = 'InputError'
    this.input = input
  }
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError
}
