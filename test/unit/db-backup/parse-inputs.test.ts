import { describe, expect, it } from '@jest/globals'
import { parseDbBackupInputs, type RawInputs } from '../../../actions/db-backup/src/parse-inputs.js'

// Pure: raw strings and an environment in, one typed object or one InputError out. No mocks.
const CONNECTION = 'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=c2VjcmV0LWFjY291bnQta2V5;EndpointSuffix=core.windows.net'
const pg = { engine: 'postgres', 'database-url': 'postgres://app:s3cret@db.internal:5432/shop', destination: 'azblob://backups/shop', 'azure-connection-string': CONNECTION }
const env = { GITHUB_RUN_ID: '1658821493', GITHUB_RUN_ATTEMPT: '2' }

let values: RawInputs = {}
const getInputs = (environment: Record<string, string | undefined>): ReturnType<typeof parseDbBackupInputs> => parseDbBackupInputs(values, environment)

describe('parseDbBackupInputs', () => {
  it('reads a postgres backup with defaults applied in code', () => {
    values = { ...pg }
    const inputs = getInputs(env)
    expect(inputs).toMatchObject({
      kind: 'dump',
      mode: 'backup',
      engine: 'postgres',
      environment: 'production',
      deploymentId: '1658821493-2',
      compression: 'zstd',
      verify: true,
      retention: {},
      retentionDryRun: false,
      timeoutMs: 7_200_000,
      progressIntervalMs: 10_000,
      destination: { kind: 'azure-blob', container: 'backups', prefix: 'shop' }
    })
    expect(inputs.kind === 'dump' && inputs.encryptionKey).toBeUndefined()
  })

  it.each([
    ['30d', 30 * 86_400_000],
    ['2w', 14 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['90m', 90 * 60_000]
  ])('max-age %s', (raw, ms) => {
    values = { ...pg, 'max-age': raw, 'keep-last': '3' }
    expect(getInputs(env)).toMatchObject({ retention: { maxAgeMs: ms, keepLast: 3 } })
  })

  it.each<[string, Record<string, string>, string]>([
    ['unknown engine', { ...pg, engine: 'oracle' }, 'Input "engine" is "oracle", which is not allowed; expected one of postgres, mysql, sqlite, rds-snapshot, azure-flexible.'],
    [
      'missing engine and no database-url',
      { destination: 'azblob://backups/x', 'azure-connection-string': 'x' },
      'Input "engine" is empty and database-url does not say which database it is'
    ],
    ['unknown mode', { ...pg, mode: 'copy' }, 'Input "mode" is "copy", which is not allowed'],
    ['missing database-url', { ...pg, 'database-url': '' }, 'Input "database-url" is required for engine postgres but empty'],
    ['database-url of another engine', { ...pg, 'database-url': 'mysql://u:p@h/db' }, 'Input "database-url" points at a mysql database, which is not supported here'],
    ['malformed destination', { ...pg, destination: 'azblob://Not Valid/x' }, 'Input "destination" is not a valid URL'],
    ['destination with an unknown scheme', { ...pg, destination: 'gs://bucket/x' }, 'Input "destination" uses the gs scheme, which is not a backup destination'],
    ['missing destination', { ...pg, destination: '' }, 'Input "destination" is required for dump engines but empty'],
    ['azblob without any credential', { ...pg, 'azure-connection-string': '' }, 'Input "azure-connection-string" is empty, and an azblob:// destination names no storage account'],
    ['s3 key id without secret', { ...pg, destination: 's3://bkt/x', 'aws-access-key-id': 'AKIA' }, 'Input "aws-secret-access-key" is empty while aws-access-key-id is set'],
    ['key of the wrong length', { ...pg, 'encryption-key': Buffer.alloc(16).toString('base64') }, 'Input "encryption-key" decodes to 16 bytes, not 32'],
    ['negative keep-last', { ...pg, 'keep-last': '-1' }, 'Input "keep-last" is -1, which is out of range; expected a whole number of at least 1.'],
    ['fractional keep-last', { ...pg, 'keep-last': '2.5' }, 'Input "keep-last" is "2.5", which is not a whole number'],
    ['negative max-age', { ...pg, 'max-age': '-3d' }, 'Input "max-age" is "-3d", which is negative'],
    ['unreadable max-age', { ...pg, 'max-age': 'a month' }, 'Input "max-age" is "a month", which is not a duration'],
    ['bad compression', { ...pg, compression: 'lz4' }, 'Input "compression" is "lz4", which is not allowed; expected one of zstd, gzip, none.'],
    ['bad verify', { ...pg, verify: 'maybe' }, 'Input "verify" is "maybe", which is not a boolean'],
    ['restore without backup-id or uri', { ...pg, mode: 'restore' }, 'Input "backup-id" is missing (and so is "uri")'],
    ['restore with both', { ...pg, mode: 'restore', 'backup-id': 'latest', uri: 'azblob://backups/x.dump' }, 'Input "uri" cannot be combined with "backup-id"'],
    ['restore of a malformed backup-id', { ...pg, mode: 'restore', 'backup-id': 'yesterday' }, 'Input "backup-id" is "yesterday", which is not a backup id'],
    ['rds without instance', { engine: 'rds-snapshot', 'aws-region': 'eu-west-1' }, 'Input "db-instance" is missing (and so is "db-cluster")'],
    ['rds with both', { engine: 'rds-snapshot', 'db-instance': 'a', 'db-cluster': 'b', 'aws-region': 'eu-west-1' }, 'Input "db-cluster" cannot be combined with "db-instance"'],
    ['rds bad identifier', { engine: 'rds-snapshot', 'db-instance': '1db', 'aws-region': 'eu-west-1' }, 'Input "db-instance" is "1db", which is not an RDS identifier'],
    ['rds without region', { engine: 'rds-snapshot', 'db-instance': 'shop-db' }, 'Input "aws-region" is empty and AWS_REGION is not set'],
    [
      'rds restore without target',
      { engine: 'rds-snapshot', 'db-instance': 'shop-db', 'aws-region': 'eu-west-1', mode: 'restore', 'backup-id': 'latest' },
      'Input "restore-target" is required to restore a snapshot but empty'
    ],
    ['azure without server', { engine: 'azure-flexible', 'resource-group': 'rg' }, 'Input "server-name" is required for engine azure-flexible but empty'],
    ['azure without resource group', { engine: 'azure-flexible', 'server-name': 'shop-pg' }, 'Input "resource-group" is required for engine azure-flexible but empty'],
    [
      'azure bad subscription',
      { engine: 'azure-flexible', 'server-name': 'shop-pg', 'resource-group': 'rg', 'subscription-id': 'abc' },
      'Input "subscription-id" is "abc", which is not a subscription id'
    ],
    [
      'environment that would be reshaped (unicode)',
      { ...pg, environment: 'prod ünïcode 🚀' },
      'Input "environment" is "prod ünïcode 🚀", which a backup\'s name cannot hold as written; expected 1–100 letters, digits, dots, underscores and hyphens'
    ],
    ['environment that climbs out of the prefix', { ...pg, environment: '../../escape' }, 'Input "environment" is "../../escape", which a backup\'s name cannot hold as written'],
    ['environment left unexpanded', { ...pg, environment: '${{ vars.BUCKET }}' }, 'Input "environment" is "${{ vars.BUCKET }}", which a backup\'s name cannot hold as written'],
    ['environment longer than 100', { ...pg, environment: 'e'.repeat(101) }, 'Input "environment" is "eeee'],
    [
      'environment a snapshot id would lowercase',
      { engine: 'rds-snapshot', 'db-instance': 'shop-db', 'aws-region': 'eu-west-1', environment: 'Production' },
      'Input "environment" is "Production", which a snapshot id cannot hold as written; expected 1–40 lowercase letters'
    ],
    ['deployment-id that would be reshaped', { ...pg, 'deployment-id': 'run 42/1' }, 'Input "deployment-id" is "run 42/1", which a backup\'s name cannot hold as written'],
    ['environment with a newline', { ...pg, environment: 'prod\nstaging' }, 'Input "environment" has a control character (U+000A at position 5)'],
    [
      'database-url with a tab, never echoed',
      { ...pg, 'database-url': 'postgres://app:s3cret@db\t/shop' },
      'Input "database-url" has a control character (U+0009 at position 25); expected a single line of printable characters.'
    ],
    ['destination with a carriage return', { ...pg, destination: 'azblob://backups/shop\r\nX: 1' }, 'Input "destination" has a control character (U+000D at position 22)'],
    [
      'relative destination (scheme forgotten)',
      { ...pg, destination: 'company-backups/shop' },
      'Input "destination" is "company-backups/shop", a relative path with no scheme (it would be a folder of the workspace); expected a scheme or an explicit local directory'
    ],
    ['dot-relative destination', { ...pg, destination: './backups' }, 'Input "destination" is "./backups", a relative path with no scheme'],
    ['destination with .. in a URL path', { ...pg, destination: 'azblob://backups/a/../etc' }, 'Input "destination" has . or .. in its path'],
    ['zero timeout', { ...pg, timeout: '0s' }, 'Input "timeout" is zero']
  ])('%s fails naming the input', (_name, given, message) => {
    values = given
    expect(() => getInputs(env)).toThrow(message)
  })

  it.each([
    ['postgresql://u@h/db', 'postgres'],
    ['mariadb://u@h/db', 'mysql'],
    ['sqlite:app.db', 'sqlite']
  ])('without engine, %s means %s', (url, engine) => {
    values = { ...pg, engine: '', 'database-url': url }
    expect(getInputs(env)).toMatchObject({ engine })
  })

  it('never repeats the database password in an error', () => {
    values = { ...pg, 'database-url': 'postgres://app:s3cret@db.internal:99999/shop' }
    expect(() => getInputs(env)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret') }))
  })

  it('restore by uri splits the store from the object key', () => {
    values = { ...pg, mode: 'restore', destination: '', uri: 'azblob://backups/shop/production/20261122T031500Z-42.dump.zst' }
    expect(getInputs(env)).toMatchObject({
      destination: { kind: 'azure-blob', container: 'backups', prefix: '' },
      restore: { uriKey: 'shop/production/20261122T031500Z-42.dump.zst' }
    })
    values = { ...pg, mode: 'restore', destination: '', uri: 'file:///var/backups/production/20261122T031500Z-42.dump.zst' }
    expect(getInputs(env)).toMatchObject({
      destination: { kind: 'local', directory: '/var/backups/production' },
      restore: { uriKey: '20261122T031500Z-42.dump.zst' }
    })
  })

  it.each([
    [{ 'db-instance': 'shop-db' }, 'shop-db'],
    [{ 'db-cluster': 'orders' }, 'cluster:orders']
  ])('rds-snapshot %j → provider source %s', (which, source) => {
    values = { engine: 'rds-snapshot', 'aws-region': 'eu-west-1', ...which }
    expect(getInputs(env)).toMatchObject({ kind: 'snapshot', source, provider: { kind: 'rds-snapshot', region: 'eu-west-1' } })
  })

  it('azure-flexible takes the subscription from AZURE_SUBSCRIPTION_ID', () => {
    values = { engine: 'azure-flexible', 'server-name': 'shop-pg', 'resource-group': 'rg' }
    const sub = '00000000-1111-2222-3333-444444444444'
    expect(getInputs({ ...env, AZURE_SUBSCRIPTION_ID: sub })).toMatchObject({ source: 'shop-pg', provider: { kind: 'azure-flexible', subscriptionId: sub, resourceGroup: 'rg' } })
  })

  it('accepts names as written and keeps them unchanged', () => {
    values = { ...pg, environment: 'eu_prod.v2', 'deployment-id': 'Release-7.1' }
    expect(getInputs(env)).toMatchObject({ environment: 'eu_prod.v2', deploymentId: 'Release-7.1' })
  })

  it.each([
    ['file:///var/backups/shop', { kind: 'local', directory: '/var/backups/shop' }],
    ['/var/backups/shop', { kind: 'local', directory: '/var/backups/shop' }]
  ])('a local destination %s is accepted; on a GitHub-hosted runner it warns that it will not outlive the job', (destination, expected) => {
    values = { ...pg, destination }
    expect(getInputs(env)).toMatchObject({ destination: expected, warnings: [] })
    expect(getInputs({ ...env, RUNNER_ENVIRONMENT: 'github-hosted' }).warnings).toEqual([
      'destination /var/backups/shop is a directory of this GitHub-hosted runner: the backup will not outlive the job (use azblob://… or s3://…, or upload it as an artifact)'
    ])
    expect(getInputs({ ...env, RUNNER_ENVIRONMENT: 'self-hosted' }).warnings).toEqual([])
  })

  it('a store destination on a hosted runner gives no warning', () => {
    values = { ...pg }
    expect(getInputs({ ...env, RUNNER_ENVIRONMENT: 'github-hosted' }).warnings).toEqual([])
  })
})
