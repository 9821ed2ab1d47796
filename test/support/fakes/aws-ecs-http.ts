import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FakeNativeService } from './aws-ecs-native.js'
import { FakeEcsAccount } from './aws-ecs-sdk.js'

/**
 * The in-memory account of aws-ecs-sdk.ts (with the native service of aws-ecs-native.ts, BLUE_GREEN, CANARY and LINEAR:
 * ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions, StopServiceDeployment,
 * ListTagsForResource, TagResource, UntagResource) served over loopback HTTP, for runner-contract tests
 * (aws-sdk-client-mock cannot reach the action run as a child process):
 * - Amazon ECS JSON protocol (awsJson1_1): POST / with `X-Amz-Target:
 *   AmazonEC2ContainerServiceV20141113.<Operation>` and a JSON body; errors as
 *   `{"__type": "<Code>", "message": …}` with status 400.
 * - ELBv2 Query protocol (Version 2015-12-01): form-encoded `Action=<Operation>&Version=…` with
 *   lists as `Name.member.N`; XML answers `<OpResponse><OpResult>…</OpResult><ResponseMetadata/></OpResponse>`,
 *   errors as `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
 *
 * Runner env: AWS_ENDPOINT_URL_ECS and AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2 = `endpoint`,
 * AWS_REGION, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (any value: signatures are not checked,
 * but a request must carry a SigV4 Authorization header). The SDK reads those endpoint variables
 * natively, so no code path exists only for tests.
 */

export interface FakeEcsHttp {
  account: FakeEcsAccount
  /** The native blue/green service `api` on the same account (aws-ecs-native.ts). */
  native: FakeNativeService
  endpoint: string
  /** Every request: `ecs DescribeServices`, `elb ModifyListener`. */
  requests: string[]
  env: Record<string, string>
  stop(): Promise<void>
}

export async function startFakeEcsHttp(): Promise<FakeEcsHttp> {
  const account = new FakeEcsAccount(false)
  const native = new FakeNativeService(account)
  const requests: string[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => handle(account, requests, req, res, Buffer.concat(chunks).toString('utf8')))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    account,
    native,
    endpoint,
    requests,
    env: {
      AWS_ENDPOINT_URL_ECS: endpoint,
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake-secret'
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

function handle(account: FakeEcsAccount, requests: string[], req: IncomingMessage, res: ServerResponse, body: string): void {
  const target = req.headers['x-amz-target']
  const signed = /^AWS4-HMAC-SHA256 /.test(req.headers.authorization ?? '')
  if (typeof target === 'string') {
    const operation = target.slice(target.indexOf('.') + 1)
    requests.push(`ecs ${operation}`)
    const send = (status: number, payload: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fake' }).end(JSON.stringify(payload))
    }
    if (!signed) return send(400, { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' })
    try {
      send(200, account.handlers[operation](JSON.parse(body || '{}')) ?? {})
    } catch (error) {
      const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }
      send(e.$metadata?.httpStatusCode ?? 400, { __type: e.name ?? 'ClientException', message: e.message ?? 'failed' })
    }
    return
  }
  const params = new URLSearchParams(body)
  const operation = params.get('Action') ?? ''
  requests.push(`elb ${operation}`)
  const xml = (status: number, text: string): void => {
    res.writeHead(status, { 'content-type': 'text/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?>\n${text}`)
  }
  const fail = (status: number, code: string, message: string): void =>
    xml(
      status,
      `<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`
    )
  if (!signed) return fail(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
  const handler = account.handlers[operation]
  if (!handler || params.get('Version') !== '2015-12-01') return fail(400, 'InvalidAction', `Could not find operation ${operation} for version ${params.get('Version')}`)
  try {
    const output = handler(decodeQuery(params)) ?? {}
    xml(
      200,
      `<${operation}Response xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><${operation}Result>${encodeXml(output)}</${operation}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${operation}Response>`
    )
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }
    fail(e.$metadata?.httpStatusCode ?? 400, e.name ?? 'ValidationError', e.message ?? 'failed')
  }
}

const NUMBERS = new Set(['Weight', 'Order', 'DurationSeconds'])

/** `DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight=0` → nested objects and arrays. */
export function decodeQuery(params: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  for (const [key, raw] of params) {
    if (key === 'Action' || key === 'Version') continue
    const parts = key.split('.')
    let node: Record<string, unknown> | unknown[] = root
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]
      const last = i === parts.length - 1
      const value: unknown = NUMBERS.has(part) ? Number(raw) : raw === 'true' ? true : raw === 'false' ? false : raw
      if (parts[i + 1] === 'member') {
        const container = node
        container[part] ??= []
        const list = container[part] as unknown[]
        const index = Number(parts[i + 2]) - 1
        if (i + 2 === parts.length - 1) {
          list[index] = raw
          break
        }
        list[index] ??= {}
        node = list[index] as Record<string, unknown>
        i += 2
        continue
      }
      if (last) node[part] = value
      else node = (node[part] ??= {}) as Record<string, unknown>
    }
  }
  return root
}

function encodeXml(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => `<member>${encodeXml(item)}</member>`).join('')
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${encodeXml(v)}</${k}>`)
      .join('')
  return escape(String(value))
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
