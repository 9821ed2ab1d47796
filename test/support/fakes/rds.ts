import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { errorMessage } from '../../../packages/core/error-message.js'

/**
 * A local HTTP server speaking the Amazon RDS Query API (Version 2014-10-31) as far as the
 * rds-snapshot provider uses it: form-encoded POST requests, XML answers
 * (`<XResponse><XResult>…</XResult><ResponseMetadata/></XResponse>`, errors as
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`).
 *
 * Actions: CreateDBSnapshot, CreateDBClusterSnapshot, DescribeDBSnapshots,
 * DescribeDBClusterSnapshots, DeleteDBSnapshot, DeleteDBClusterSnapshot, DescribeDBInstances,
 * DescribeDBClusters, RestoreDBInstanceFromDBSnapshot, RestoreDBClusterFromSnapshot,
 * CreateDBInstance. A snapshot stays `creating` for `pollsUntilDone` describes (PercentProgress
 * rising), then is `available`; a restored instance/cluster likewise goes creating → available.
 * Requests must be SigV4-signed (the signature itself is not checked).
 *
 * Seeded: DB instance `shop-db` (postgres) and Aurora cluster `orders` (aurora-postgresql), an
 * automated snapshot of shop-db, and a manual one without our tag (`by-hand`).
 *
 * Runner level (the db-backup action run as a process): env
 *   AWS_ENDPOINT_URL_RDS=fake.endpoint, AWS_REGION=us-east-1,
 *   AWS_ACCESS_KEY_ID=fake, AWS_SECRET_ACCESS_KEY=fake   (any values: signatures are not verified)
 * The SDK reads AWS_ENDPOINT_URL_RDS natively, so no code path exists only for tests.
 */

export interface FakeRdsOptions {
  /** Describes a snapshot / restore stays in progress. Default 2. */
  pollsUntilDone?: number
  /** Records per Describe page (Marker beyond). Default 100. */
  pageSize?: number
  /** More PostgreSQL DB instances to seed besides shop-db (an example's own instance name). */
  instances?: string[]
}

export interface FakeRdsRequest {
  action: string
  params: Record<string, string>
  authorization: string
}

export interface FakeRdsSnapshot {
  id: string
  cluster: boolean
  source: string
  type: 'manual' | 'automated'
  status: string
  percent: number
  polls: number
  createdAt: Date
  engine: string
  tags: Array<{ Key: string; Value: string }>
  failWith?: string
}

interface FakeDatabase {
  id: string
  cluster: boolean
  status: string
  polls: number
  engine: string
  instanceClass?: string
  subnetGroup?: string
  securityGroups: string[]
  clusterId?: string
  tags: Array<{ Key: string; Value: string }>
  restoredFrom?: string
}

export interface FakeRds {
  endpoint: string
  region: string
  requests: FakeRdsRequest[]
  /** The next `times` requests (of `action` when given) answer 400 Throttling. */
  throttle(rule: { times: number; action?: string }): void
  /** The next snapshot created ends in status `failed`. */
  failNextSnapshot(): void
  addSnapshot(snapshot: { id: string; source?: string; cluster?: boolean; type?: 'manual' | 'automated'; tags?: Record<string, string>; createdAt?: Date }): void
  snapshots(): FakeRdsSnapshot[]
  database(id: string): { status: string; restoredFrom?: string; instanceClass?: string } | undefined
  stop(): Promise<void>
}

const NS = 'http://rds.amazonaws.com/doc/2014-10-31/'

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${esc(String(value))}</${name}>`
}

function tagsXml(tags: Array<{ Key: string; Value: string }>): string {
  return `<TagList>${tags.map((t) => `<Tag>${el('Key', t.Key)}${el('Value', t.Value)}</Tag>`).join('')}</TagList>`
}

export async function startFakeRds(options: FakeRdsOptions = {}): Promise<FakeRds> {
  const pollsUntilDone = options.pollsUntilDone ?? 2
  const pageSize = options.pageSize ?? 100
  const region = 'us-east-1'
  const requests: FakeRdsRequest[] = []
  const throttles: Array<{ times: number; action?: string }> = []
  const snapshots: FakeRdsSnapshot[] = []
  const databases = new Map<string, FakeDatabase>()
  let failNext = false

  const instance = (id: string, securityGroups: string[]): FakeDatabase => ({
    id,
    cluster: false,
    status: 'available',
    polls: 0,
    engine: 'postgres',
    instanceClass: 'db.t4g.micro',
    subnetGroup: 'private-a',
    securityGroups,
    tags: []
  })
  databases.set('instance:shop-db', instance('shop-db', ['sg-0123456789abcdef0']))
  for (const id of options.instances ?? []) databases.set(`instance:${id}`, instance(id, []))
  databases.set('cluster:orders', {
    id: 'orders',
    cluster: true,
    status: 'available',
    polls: 0,
    engine: 'aurora-postgresql',
    subnetGroup: 'aurora-subnets',
    securityGroups: ['sg-0fedcba9876543210'],
    tags: []
  })
  snapshots.push(
    {
      id: 'rds:shop-db-2026-11-21-03-10',
      cluster: false,
      source: 'shop-db',
      type: 'automated',
      status: 'available',
      percent: 100,
      polls: 0,
      createdAt: new Date('2026-11-21T03:10:00Z'),
      engine: 'postgres',
      tags: []
    },
    {
      id: 'by-hand',
      cluster: false,
      source: 'shop-db',
      type: 'manual',
      status: 'available',
      percent: 100,
      polls: 0,
      createdAt: new Date('2026-11-19T12:00:00Z'),
      engine: 'postgres',
      tags: []
    }
  )

  function advanceSnapshot(s: FakeRdsSnapshot): void {
    if (s.status !== 'creating') return
    s.polls += 1
    s.percent = Math.min(100, Math.round((s.polls / pollsUntilDone) * 100))
    if (s.polls >= pollsUntilDone) s.status = s.failWith ?? 'available'
  }

  function advanceDatabase(d: FakeDatabase): void {
    if (d.status === 'available') return
    d.polls += 1
    if (d.polls >= pollsUntilDone) d.status = 'available'
    else if (d.polls === 1) d.status = 'backing-up'
  }

  function snapshotXml(s: FakeRdsSnapshot): string {
    const body = s.cluster
      ? `${el('DBClusterSnapshotIdentifier', s.id)}${el('DBClusterIdentifier', s.source)}${el('Engine', s.engine)}${el('EngineVersion', '16.4')}`
      : `${el('DBSnapshotIdentifier', s.id)}${el('DBInstanceIdentifier', s.source)}${el('Engine', s.engine)}${el('EngineVersion', '16.4')}${el('AllocatedStorage', 20)}${s.status === 'available' ? el('FullSnapshotSizeInBytes', 21_474_836_480) : ''}`
    const wrapper = s.cluster ? 'DBClusterSnapshot' : 'DBSnapshot'
    return `<${wrapper}>${body}${el('SnapshotCreateTime', s.createdAt.toISOString())}${el('Status', s.status)}${el('PercentProgress', s.percent)}${el('SnapshotType', s.type)}${el(s.cluster ? 'DBClusterSnapshotArn' : 'DBSnapshotArn', `arn:aws:rds:${region}:123456789012:${s.cluster ? 'cluster-snapshot' : 'snapshot'}:${s.id}`)}${tagsXml(s.tags)}</${wrapper}>`
  }

  function instanceXml(d: FakeDatabase): string {
    const endpoint = d.status === 'available' ? `<Endpoint>${el('Address', `${d.id}.c0ffee.${region}.rds.amazonaws.com`)}${el('Port', 5432)}</Endpoint>` : ''
    return `<DBInstance>${el('DBInstanceIdentifier', d.id)}${el('DBInstanceClass', d.instanceClass)}${el('Engine', d.engine)}${el('DBInstanceStatus', d.status)}${endpoint}${el('DBClusterIdentifier', d.clusterId)}${d.subnetGroup ? `<DBSubnetGroup>${el('DBSubnetGroupName', d.subnetGroup)}</DBSubnetGroup>` : ''}<VpcSecurityGroups>${d.securityGroups.map((g) => `<VpcSecurityGroupMembership>${el('VpcSecurityGroupId', g)}${el('Status', 'active')}</VpcSecurityGroupMembership>`).join('')}</VpcSecurityGroups>${tagsXml(d.tags)}</DBInstance>`
  }

  function clusterXml(d: FakeDatabase): string {
    const endpoint = d.status === 'available' ? `${el('Endpoint', `${d.id}.cluster-c0ffee.${region}.rds.amazonaws.com`)}${el('Port', 5432)}` : ''
    return `<DBCluster>${el('DBClusterIdentifier', d.id)}${el('Engine', d.engine)}${el('Status', d.status)}${endpoint}${el('DBSubnetGroup', d.subnetGroup)}<VpcSecurityGroups>${d.securityGroups.map((g) => `<VpcSecurityGroupMembership>${el('VpcSecurityGroupId', g)}${el('Status', 'active')}</VpcSecurityGroupMembership>`).join('')}</VpcSecurityGroups>${tagsXml(d.tags)}</DBCluster>`
  }

  function ok(res: ServerResponse, action: string, result: string): void {
    res.writeHead(200, { 'content-type': 'text/xml' })
    res.end(
      `<?xml version="1.0"?>\n<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`
    )
  }

  function fail(res: ServerResponse, status: number, code: string, message: string): void {
    res.writeHead(status, { 'content-type': 'text/xml' })
    res.end(
      `<?xml version="1.0"?>\n<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${esc(code)}</Code><Message>${esc(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`
    )
  }

  function paramTags(params: Record<string, string>): Array<{ Key: string; Value: string }> {
    const byIndex = new Map<number, { Key: string; Value: string }>()
    for (const [name, value] of Object.entries(params)) {
      const m = /^Tags\.(?:Tag\.|member\.)?(\d+)\.(Key|Value)$/.exec(name)
      if (!m) continue
      const entry = byIndex.get(Number(m[1])) ?? { Key: '', Value: '' }
      entry[m[2] as 'Key' | 'Value'] = value
      byIndex.set(Number(m[1]), entry)
    }
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, tag]) => tag)
  }

  function paramList(params: Record<string, string>, prefix: string): string[] {
    return Object.entries(params)
      .filter(([name]) => new RegExp(`^${prefix}\\.(?:[A-Za-z]+\\.)?\\d+$`).test(name))
      .map(([, value]) => value)
  }

  function page<T>(items: T[], params: Record<string, string>): { items: T[]; marker?: string } {
    const start = Number(params.Marker ?? 0)
    const size = Number(params.MaxRecords ?? pageSize)
    const slice = items.slice(start, start + size)
    return { items: slice, ...(start + size < items.length ? { marker: String(start + size) } : {}) }
  }

  function handle(action: string, p: Record<string, string>, res: ServerResponse): void {
    switch (action) {
      case 'CreateDBSnapshot':
      case 'CreateDBClusterSnapshot': {
        const cluster = action === 'CreateDBClusterSnapshot'
        const id = cluster ? p.DBClusterSnapshotIdentifier : p.DBSnapshotIdentifier
        const source = cluster ? p.DBClusterIdentifier : p.DBInstanceIdentifier
        const db = databases.get(`${cluster ? 'cluster' : 'instance'}:${source}`)
        if (!db) return fail(res, 404, cluster ? 'DBClusterNotFoundFault' : 'DBInstanceNotFound', `${cluster ? 'DBCluster' : 'DBInstance'} ${source} not found.`)
        if (snapshots.some((s) => s.id === id && s.cluster === cluster))
          return fail(
            res,
            400,
            cluster ? 'DBClusterSnapshotAlreadyExistsFault' : 'DBSnapshotAlreadyExists',
            `Cannot create the snapshot because a snapshot with the identifier ${id} already exists.`
          )
        const snapshot: FakeRdsSnapshot = {
          id,
          cluster,
          source,
          type: 'manual',
          status: 'creating',
          percent: 0,
          polls: 0,
          createdAt: new Date(),
          engine: db.engine,
          tags: paramTags(p),
          ...(failNext ? { failWith: 'failed' } : {})
        }
        failNext = false
        snapshots.push(snapshot)
        return ok(res, action, snapshotXml(snapshot))
      }
      case 'DescribeDBSnapshots':
      case 'DescribeDBClusterSnapshots': {
        const cluster = action === 'DescribeDBClusterSnapshots'
        const id = cluster ? p.DBClusterSnapshotIdentifier : p.DBSnapshotIdentifier
        const source = cluster ? p.DBClusterIdentifier : p.DBInstanceIdentifier
        let found = snapshots.filter((s) => s.cluster === cluster)
        if (id) {
          found = found.filter((s) => s.id === id)
          if (found.length === 0) return fail(res, 404, cluster ? 'DBClusterSnapshotNotFoundFault' : 'DBSnapshotNotFound', `${cluster ? 'DBClusterSnapshot' : 'DBSnapshot'} ${id} not found.`)
        }
        if (source) found = found.filter((s) => s.source === source)
        if (p.SnapshotType) found = found.filter((s) => s.type === p.SnapshotType)
        found.forEach(advanceSnapshot)
        const { items, marker } = page(found, p)
        const list = cluster ? 'DBClusterSnapshots' : 'DBSnapshots'
        return ok(res, action, `<${list}>${items.map(snapshotXml).join('')}</${list}>${el('Marker', marker)}`)
      }
      case 'DeleteDBSnapshot':
      case 'DeleteDBClusterSnapshot': {
        const cluster = action === 'DeleteDBClusterSnapshot'
        const id = cluster ? p.DBClusterSnapshotIdentifier : p.DBSnapshotIdentifier
        const index = snapshots.findIndex((s) => s.id === id && s.cluster === cluster)
        if (index < 0) return fail(res, 404, cluster ? 'DBClusterSnapshotNotFoundFault' : 'DBSnapshotNotFound', `${id} not found.`)
        const [removed] = snapshots.splice(index, 1)
        removed.status = 'deleted'
        return ok(res, action, snapshotXml(removed))
      }
      case 'DescribeDBInstances':
      case 'DescribeDBClusters': {
        const cluster = action === 'DescribeDBClusters'
        const id = cluster ? p.DBClusterIdentifier : p.DBInstanceIdentifier
        const db = databases.get(`${cluster ? 'cluster' : 'instance'}:${id}`)
        if (!db) return fail(res, 404, cluster ? 'DBClusterNotFoundFault' : 'DBInstanceNotFound', `${cluster ? 'DBCluster' : 'DBInstance'} ${id} not found.`)
        advanceDatabase(db)
        return ok(res, action, cluster ? `<DBClusters>${clusterXml(db)}</DBClusters>` : `<DBInstances>${instanceXml(db)}</DBInstances>`)
      }
      case 'RestoreDBInstanceFromDBSnapshot':
      case 'RestoreDBClusterFromSnapshot':
      case 'CreateDBInstance': {
        const cluster = action === 'RestoreDBClusterFromSnapshot'
        const id = cluster ? p.DBClusterIdentifier : p.DBInstanceIdentifier
        if (databases.has(`${cluster ? 'cluster' : 'instance'}:${id}`)) {
          return fail(res, 400, cluster ? 'DBClusterAlreadyExistsFault' : 'DBInstanceAlreadyExists', `DB ${cluster ? 'cluster' : 'instance'} already exists`)
        }
        let engine = p.Engine ?? 'postgres'
        let restoredFrom: string | undefined
        if (action !== 'CreateDBInstance') {
          const snapId = cluster ? p.SnapshotIdentifier : p.DBSnapshotIdentifier
          const snapshot = snapshots.find((s) => s.id === snapId && s.cluster === cluster)
          if (!snapshot) return fail(res, 404, cluster ? 'DBClusterSnapshotNotFoundFault' : 'DBSnapshotNotFound', `${snapId} not found.`)
          if (snapshot.status !== 'available') return fail(res, 400, 'InvalidDBSnapshotState', `Snapshot ${snapId} is not available.`)
          if (cluster && !p.Engine) return fail(res, 400, 'MissingParameter', 'The request must contain the parameter Engine')
          engine = p.Engine ?? snapshot.engine
          restoredFrom = snapId
        } else if (p.DBClusterIdentifier && !databases.has(`cluster:${p.DBClusterIdentifier}`)) {
          return fail(res, 404, 'DBClusterNotFoundFault', `DBCluster ${p.DBClusterIdentifier} not found.`)
        }
        const db: FakeDatabase = {
          id,
          cluster,
          status: 'creating',
          polls: 0,
          engine,
          ...(p.DBInstanceClass ? { instanceClass: p.DBInstanceClass } : {}),
          ...(p.DBSubnetGroupName ? { subnetGroup: p.DBSubnetGroupName } : {}),
          ...(p.DBClusterIdentifier && !cluster ? { clusterId: p.DBClusterIdentifier } : {}),
          securityGroups: paramList(p, 'VpcSecurityGroupIds'),
          tags: paramTags(p),
          ...(restoredFrom ? { restoredFrom } : {})
        }
        databases.set(`${cluster ? 'cluster' : 'instance'}:${id}`, db)
        return ok(res, action, cluster ? clusterXml(db) : instanceXml(db))
      }
      default:
        return fail(res, 400, 'InvalidAction', `The action ${action} is not valid for this web service (fake RDS).`)
    }
  }

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      try {
        const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
        const action = params.Action ?? ''
        const authorization = String(req.headers.authorization ?? '')
        requests.push({ action, params, authorization })
        if (req.method !== 'POST') return fail(res, 405, 'InvalidHttpRequest', 'Query API requests are POSTed.')
        if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) return fail(res, 403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
        if (params.Version !== '2014-10-31') return fail(res, 400, 'InvalidParameterValue', `Unsupported Version ${params.Version ?? '(none)'}`)
        const throttle = throttles.find((t) => t.times > 0 && (!t.action || t.action === action))
        if (throttle) {
          throttle.times -= 1
          return fail(res, 400, 'Throttling', 'Rate exceeded')
        }
        handle(action, params, res)
      } catch (error) {
        fail(res, 500, 'InternalFailure', errorMessage(error))
      }
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${(http.address() as AddressInfo).port}`

  return {
    endpoint,
    region,
    requests,
    throttle: (rule) => {
      throttles.push({ ...rule })
    },
    failNextSnapshot: () => {
      failNext = true
    },
    addSnapshot: ({ id, source = 'shop-db', cluster = false, type = 'manual', tags = {}, createdAt = new Date() }) => {
      snapshots.push({
        id,
        cluster,
        source,
        type,
        status: 'available',
        percent: 100,
        polls: 0,
        createdAt,
        engine: cluster ? 'aurora-postgresql' : 'postgres',
        tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
      })
    },
    snapshots: () => [...snapshots],
    database: (id) => {
      const db = databases.get(`instance:${id}`) ?? databases.get(`cluster:${id}`)
      return db ? { status: db.status, ...(db.restoredFrom ? { restoredFrom: db.restoredFrom } : {}), ...(db.instanceClass ? { instanceClass: db.instanceClass } : {}) } : undefined
    },
    stop: async () => {
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    }
  }
}
