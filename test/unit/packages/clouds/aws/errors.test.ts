import { describe, expect, it } from '@jest/globals'
import { describeAwsError, isThrottlingError, isTransientAwsError } from '../../../../../packages/clouds/aws/errors.js'

describe('AWS errors', () => {
  it.each([
    [{ name: 'ThrottlingException' }, true, true],
    [{ name: 'Throttling' }, true, true],
    [{ name: 'RequestLimitExceeded' }, true, true],
    [{ name: 'X', $retryable: { throttling: true } }, true, true],
    [{ name: 'X', $metadata: { httpStatusCode: 429 } }, true, true],
    [{ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } }, false, true],
    [{ code: 'ECONNRESET' }, false, true],
    [{ name: 'DBSnapshotAlreadyExistsFault', $metadata: { httpStatusCode: 400 } }, false, false],
    ['text', false, false]
  ])('classifies %j: throttling %s, transient %s', (error, throttling, transient) => {
    expect(isThrottlingError(error)).toBe(throttling)
    expect(isTransientAwsError(error)).toBe(transient)
  })

  it('describes AWS errors with the operation and fault name', () => {
    const error = Object.assign(new Error('Cannot create the snapshot because one with this identifier already exists.'), { name: 'DBSnapshotAlreadyExistsFault' })
    expect(describeAwsError('CreateDBSnapshot', error)).toBe(
      'CreateDBSnapshot failed: DBSnapshotAlreadyExistsFault: Cannot create the snapshot because one with this identifier already exists.'
    )
  })
})
