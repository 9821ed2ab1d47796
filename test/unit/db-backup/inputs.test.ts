import { expect, it, jest } from '@jest/globals'

// @actions/core is the edge: inputs come from a table, setSecret is recorded.
const values: Record<string, string> = {}
const setSecret = jest.fn<(s: string) => void>()
jest.unstable_mockModule('@actions/core', () => ({ getInput: (name: string) => values[name] ?? '', setSecret, info: jest.fn(), warning: jest.fn(), debug: jest.fn() }))
const { getInputs } = await import('../../../actions/db-backup/src/inputs.js')

const KEY_B64 = Buffer.alloc(32, 9).toString('base64')
const CONNECTION = 'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=c2VjcmV0LWFjY291bnQta2V5;EndpointSuffix=core.windows.net'

it('masks the database URL and its password, the connection string, its key and the encryption key the moment they are read', () => {
  Object.assign(values, {
    engine: 'postgres',
    'database-url': 'postgres://app:s3cret@db.internal:5432/shop',
    destination: 'azblob://backups/shop',
    'azure-connection-string': CONNECTION,
    'encryption-key': KEY_B64
  })
  getInputs({})
  const masked = setSecret.mock.calls.map((c) => c[0])
  expect(masked).toEqual(expect.arrayContaining([values['database-url'], 's3cret', CONNECTION, 'c2VjcmV0LWFjY291bnQta2V5', KEY_B64]))
})
