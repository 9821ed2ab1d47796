import { apiCall, type ClientDeps } from '../api-call.js'
import type { RailwayConfig } from './config.js'
import { graphqlData, type RailwayDeployment } from './railway-mapping.js'

/** The Railway public GraphQL API (backboard.railway.com/graphql/v2): the queries and mutations the provider needs. */

const DEPLOYMENT_FIELDS = 'id status createdAt staticUrl canRollback meta'

export class RailwayApi {
  constructor(
    private readonly config: RailwayConfig,
    private readonly deps: ClientDeps
  ) {}

  /** Newest first. */
  async deployments(signal: AbortSignal): Promise<RailwayDeployment[]> {
    const data = await this.call<{ deployments: { edges: { node: RailwayDeployment }[] } }>(
      'deployments',
      `query deployments($input: DeploymentListInput!, $first: Int) { deployments(input: $input, first: $first) { edges { node { ${DEPLOYMENT_FIELDS} } } } }`,
      { input: { serviceId: this.config.serviceId, environmentId: this.config.environmentId }, first: 20 },
      signal
    )
    return data.deployments.edges.map((edge) => edge.node)
  }

  async deployment(id: string, signal: AbortSignal): Promise<RailwayDeployment> {
    return (await this.call<{ deployment: RailwayDeployment }>('deployment', `query deployment($id: String!) { deployment(id: $id) { ${DEPLOYMENT_FIELDS} } }`, { id }, signal)).deployment
  }

  /** Points the service instance at an image (the next deploy runs it). */
  async setImage(image: string, signal: AbortSignal): Promise<void> {
    await this.call(
      'serviceInstanceUpdate',
      'mutation serviceInstanceUpdate($serviceId: String!, $environmentId: String, $input: ServiceInstanceUpdateInput!) { serviceInstanceUpdate(serviceId: $serviceId, environmentId: $environmentId, input: $input) }',
      { serviceId: this.config.serviceId, environmentId: this.config.environmentId, input: { source: { image } } },
      signal
    )
  }

  /** Deploys the service instance (a commit of its repository, or its configured image); returns the new deployment's id. */
  async deploy(commitSha: string | undefined, signal: AbortSignal): Promise<string> {
    const data = await this.call<{ serviceInstanceDeployV2: string }>(
      'serviceInstanceDeployV2',
      'mutation serviceInstanceDeployV2($serviceId: String!, $environmentId: String!, $commitSha: String) { serviceInstanceDeployV2(serviceId: $serviceId, environmentId: $environmentId, commitSha: $commitSha) }',
      { serviceId: this.config.serviceId, environmentId: this.config.environmentId, ...(commitSha ? { commitSha } : {}) },
      signal
    )
    return data.serviceInstanceDeployV2
  }

  /** Rolls the service instance back to an earlier deployment (Railway starts a new deployment from it). */
  async rollback(deploymentId: string, signal: AbortSignal): Promise<void> {
    await this.call('deploymentRollback', 'mutation deploymentRollback($id: String!) { deploymentRollback(id: $id) }', { id: deploymentId }, signal)
  }

  private async call<T>(operation: string, query: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<T> {
    const answer = await apiCall<{ data?: T; errors?: { message: string }[] }>({
      platform: 'Railway',
      method: 'POST',
      url: this.config.apiUrl,
      token: this.config.token,
      // A project token goes in its own header; account and workspace tokens are bearer tokens.
      ...(this.config.tokenType === 'project' ? { headers: { 'project-access-token': this.config.token } } : {}),
      body: { query, variables },
      signal,
      ...this.deps,
      access: `${operation} on service ${this.config.serviceId} in environment ${this.config.environmentId}`
    })
    return graphqlData(answer, operation)
  }
}
