import { describe, expect, it } from '@jest/globals'
import { databaseKindOfScheme, databaseUrlSecrets, describeDatabase, parseDatabaseUrl, toJdbc, withoutPassword, type ServerDatabaseUrl } from '../../../../packages/db/database-url.js'

describe('parseDatabaseUrl (packages/db)', () => {
  it.each([
    [
      'postgres://app:s3cret@db.internal:6543/shop?sslmode=require',
      { kind: 'postgres', host: 'db.internal', port: 6543, database: 'shop', user: 'app', password: 's3cret', params: { sslmode: 'require' } }
    ],
    ['postgresql://app@db/shop', { kind: 'postgres', scheme: 'postgresql', host: 'db', port: 5432, database: 'shop', user: 'app', password: '' }],
    ['postgres://app:p%40ss%2Fw@[::1]:5432/my%20db', { host: '::1', database: 'my db', password: 'p@ss/w' }],
    ['mysql://root:pw@mysql:3307/shop', { kind: 'mysql', port: 3307, database: 'shop' }],
    ['mariadb://root:pw@mysql/shop', { kind: 'mysql', scheme: 'mariadb', port: 3306 }]
  ])('%s', (raw, expected) => {
    expect(parseDatabaseUrl(raw)).toMatchObject(expected)
  })

  it.each([
    ['sqlite:data/app.db', 'data/app.db'],
    ['sqlite:///var/lib/app.db', '/var/lib/app.db'],
    ['sqlite://data/app.db', 'data/app.db'],
    ['sqlite3:app.db?mode=rwc', 'app.db'],
    ['file:app.db', 'app.db'],
    ['sqlite::memory:', ':memory:'],
    ['sqlite:my%20app.db', 'my app.db']
  ])('%s is the SQLite file %s', (raw, path) => {
    expect(parseDatabaseUrl(raw)).toMatchObject({ kind: 'sqlite', path })
  })

  it.each([
    ['', /^Input "database-url" is empty/],
    ['db.internal:5432/shop', /^Input "database-url" uses the db\.internal scheme, which is not a supported database/],
    ['just words', /^Input "database-url" is not a URL \(it has no scheme\)/],
    ['mongodb://u:pw@db/shop', /uses the mongodb scheme/],
    ['postgres://u:pw@/shop', /names no host|is not a valid URL/],
    ['postgres://u:pw@db', /names no database/],
    ['postgres://u:pw@db/shop/extra', /more than one segment/],
    ['postgres://u:pw@db:99999/shop', /is not a valid URL|port out of range/],
    ['postgres://u:p%zz@db/shop', /badly escaped/],
    ['sqlite:', /names no SQLite database file/]
  ])('rejects %j without repeating it', (raw, expected) => {
    let message = ''
    try {
      parseDatabaseUrl(raw)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(expected)
    if (raw.includes('pw')) expect(message).not.toContain('pw@')
  })

  it('limits the kinds and names the accepted ones', () => {
    expect(() => parseDatabaseUrl('mysql://u:pw@db/shop', 'database-url', ['postgres', 'sqlite'])).toThrow(
      'Input "database-url" points at a mysql database, which is not supported here; expected a URL such as postgres://user:password@host:5432/app or sqlite:path/to/app.db.'
    )
  })

  it('names the input it came from', () => {
    expect(() => parseDatabaseUrl('nope', 'target-database-url')).toThrow(/^Input "target-database-url"/)
  })
})

describe('databaseUrlSecrets', () => {
  it.each([
    ['postgres://app:p%40ss@db/shop', ['postgres://app:p%40ss@db/shop', 'p%40ss', 'p@ss']],
    ['postgres://app:plain@db/shop', ['postgres://app:plain@db/shop', 'plain']],
    ['postgres://app@db/shop', ['postgres://app@db/shop']],
    ['  postgres://app:pw1@db/shop\n', ['postgres://app:pw1@db/shop', '  postgres://app:pw1@db/shop\n', 'pw1']],
    ['sqlite:app.db', ['sqlite:app.db']],
    ['', []]
  ])('%j → %j', (raw, expected) => {
    expect(databaseUrlSecrets(raw)).toEqual(expected)
  })
})

describe('describing and converting', () => {
  const url = parseDatabaseUrl('postgres://app:s3cret@db.internal:6543/shop?sslmode=require') as ServerDatabaseUrl
  it('describes without the password', () => {
    expect(describeDatabase(url)).toBe('PostgreSQL database "shop" on db.internal:6543 as app')
    expect(describeDatabase(parseDatabaseUrl('sqlite:data/app.db'))).toBe('SQLite database data/app.db')
  })
  it('drops the password', () => {
    expect(withoutPassword(url)).toBe('postgres://app@db.internal:6543/shop?sslmode=require')
  })
  it('builds JDBC URLs with the credentials apart', () => {
    expect(toJdbc(url)).toEqual({ url: 'jdbc:postgresql://db.internal:6543/shop?sslmode=require', user: 'app', password: 's3cret' })
    expect(toJdbc(parseDatabaseUrl('mariadb://root:pw@[::1]/shop') as ServerDatabaseUrl).url).toBe('jdbc:mariadb://[::1]:3306/shop')
  })
})

describe('databaseKindOfScheme', () => {
  it.each([
    ['postgresql://u@h/app', 'postgres'],
    ['  mariadb://u@h/app', 'mysql'],
    ['file:./app.db', 'sqlite'],
    ['sqlite3:app.db', 'sqlite'],
    ['oracle://u@h/app', undefined],
    ['no scheme here', undefined]
  ])('%p → %p', (url, kind) => expect(databaseKindOfScheme(url)).toBe(kind))
})
