export const id = 635;
export const ids = [635];
export const modules = {

/***/ 4791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ awsClientConfig)
/* harmony export */ });
/* harmony import */ var _credential_choice_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5608);

function awsClientConfig(options, env = process.env) {
    const region = (0,_credential_choice_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveAwsRegion */ .KC)(options.region, env, options.fallbackRegion);
    return {
        ...(region ? { region } : {}),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        maxAttempts: options.sdkMaxAttempts ?? 1,
        requestHandler: { connectionTimeout: options.connectTimeoutMs ?? 10_000, requestTimeout: options.attemptTimeoutMs ?? 60_000 }
    };
}


/***/ }),

/***/ 5608:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hh: () => (/* binding */ AWS_OIDC_AUDIENCE),
/* harmony export */   ID: () => (/* binding */ chooseAwsCredential),
/* harmony export */   KC: () => (/* binding */ resolveAwsRegion)
/* harmony export */ });
/**
 * Which AWS credentials the environment calls for, in the suite's order. Pure: reads only the
 * options and env it is given; credentials.ts builds the SDK provider.
 *
 * 1. Static keys given as inputs (access key id + secret, optional session token).
 * 2. GitHub OIDC web identity: the job may request an ID token (ACTIONS_ID_TOKEN_REQUEST_URL and
 *    _TOKEN, from `permissions: id-token: write`) and a role ARN is named (option or AWS_ROLE_ARN),
 *    with no AWS keys and no token file in the environment (those belong to the SDK's chain).
 * 3. The SDK's default chain: env keys, AWS_WEB_IDENTITY_TOKEN_FILE (as written by
 *    aws-actions/configure-aws-credentials), profiles, container and instance metadata.
 * Any of them can then assume a further role (`assumeRoleArn`).
 */
/** The audience AWS STS expects in a GitHub ID token. */
const AWS_OIDC_AUDIENCE = 'sts.amazonaws.com';
function chooseAwsCredential(options, env) {
    const sessionName = options.sessionName?.trim() || 'deploy-actions';
    const assume = options.assumeRoleArn?.trim() ? { assumeRoleArn: options.assumeRoleArn.trim() } : {};
    if (options.accessKeyId && options.secretAccessKey) {
        return {
            kind: 'static',
            accessKeyId: options.accessKeyId,
            secretAccessKey: options.secretAccessKey,
            ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
            ...assume,
            sessionName
        };
    }
    const roleArn = options.webIdentityRoleArn?.trim() || env.AWS_ROLE_ARN?.trim();
    const canRequestIdToken = !!env.ACTIONS_ID_TOKEN_REQUEST_URL && !!env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    const sdkHasOwn = !!env.AWS_ACCESS_KEY_ID || !!env.AWS_WEB_IDENTITY_TOKEN_FILE;
    if (roleArn && canRequestIdToken && !sdkHasOwn)
        return { kind: 'github-oidc', roleArn, ...assume, sessionName };
    return { kind: 'default-chain', ...assume, sessionName };
}
/** Which region: the option, else AWS_REGION, else AWS_DEFAULT_REGION, else `fallback` (undefined: the SDK's profile lookup). */
function resolveAwsRegion(region, env, fallback) {
    return region?.trim() || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || fallback;
}


/***/ }),

/***/ 3238:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ awsCredentials)
/* harmony export */ });
/* harmony import */ var _credential_choice_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5608);

async function awsCredentials(options, env = process.env) {
    const choice = (0,_credential_choice_js__WEBPACK_IMPORTED_MODULE_0__/* .chooseAwsCredential */ .ID)(options, env);
    let base;
    switch (choice.kind) {
        case 'static':
            base = { accessKeyId: choice.accessKeyId, secretAccessKey: choice.secretAccessKey, ...(choice.sessionToken ? { sessionToken: choice.sessionToken } : {}) };
            break;
        case 'github-oidc': {
            const { fromWebToken } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(719)]).then(__webpack_require__.t.bind(__webpack_require__, 9719, 19));
            const { getIDToken } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4116));
            // A fresh GitHub ID token (masked by getIDToken) each time the SDK refreshes the role's keys.
            base = async () => fromWebToken({ roleArn: choice.roleArn, roleSessionName: choice.sessionName, webIdentityToken: await getIDToken(_credential_choice_js__WEBPACK_IMPORTED_MODULE_0__/* .AWS_OIDC_AUDIENCE */ .Hh) })();
            break;
        }
        case 'default-chain':
            base = undefined;
            break;
    }
    if (!choice.assumeRoleArn)
        return { credentials: base, choice };
    const { fromTemporaryCredentials } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(719)]).then(__webpack_require__.t.bind(__webpack_require__, 9719, 19));
    const credentials = fromTemporaryCredentials({
        params: { RoleArn: choice.assumeRoleArn, RoleSessionName: choice.sessionName },
        ...(base ? { masterCredentials: base } : {})
    });
    return { credentials, choice };
}


/***/ }),

/***/ 3306:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ silentLogger)
/* harmony export */ });
const silentLogger = { info() { }, warning() { }, debug() { } };


/***/ }),

/***/ 3485:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BP: () => (/* binding */ sortNewestFirst),
/* harmony export */   JS: () => (/* binding */ MANAGED_TAG_KEY),
/* harmony export */   xh: () => (/* binding */ MANAGED_TAG_VALUE)
/* harmony export */ });
/** The tag (RDS) every snapshot this suite creates carries; only those are ever deleted. */
const MANAGED_TAG_KEY = 'managed-by';
const MANAGED_TAG_VALUE = 'deploy-actions';
/** Newest first (createdAt is ISO 8601 UTC, so it sorts as text): the order listManaged returns. */
function sortNewestFirst(snapshots) {
    return [...snapshots].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}


/***/ }),

/***/ 7635:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RdsCallError: () => (/* binding */ RdsCallError),
  RdsSnapshotProvider: () => (/* binding */ RdsSnapshotProvider),
  createRdsSnapshotProvider: () => (/* binding */ createRdsSnapshotProvider)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-rds/dist-cjs/index.js
var dist_cjs = __webpack_require__(7202);
// EXTERNAL MODULE: ./packages/clouds/aws/client-config.ts
var client_config = __webpack_require__(4791);
// EXTERNAL MODULE: ./packages/clouds/aws/credentials.ts
var aws_credentials = __webpack_require__(3238);
// EXTERNAL MODULE: ./packages/core/error-message.ts
var error_message = __webpack_require__(3728);
;// CONCATENATED MODULE: ./packages/clouds/aws/errors.ts

/**
 * AWS SDK v3 errors, read purely: is it throttling, is it worth another try, and one line naming
 * the operation and the service's fault.
 *
 * Stable API (RDS, S3, ECR for build-push, AWS traffic providers):
 *   isThrottlingError(error), isTransientAwsError(error), describeAwsError(operation, error), awsErrorName(error).
 */
const THROTTLING_CODES = new Set([
    'Throttling',
    'ThrottlingException',
    'ThrottledException',
    'RequestThrottledException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'RequestThrottled',
    'PriorRequestNotComplete',
    'SlowDown'
]);
/** The service's fault name (`DBSnapshotNotFoundFault`, `NoSuchBucket`…), if the error carries one. */
function awsErrorName(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const e = error;
    return e.name || e.Code || undefined;
}
/** Throttling answers (after the SDK sent the request once: SDK retries are off, ours decide). */
function isThrottlingError(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const e = error;
    return THROTTLING_CODES.has(e.name ?? '') || THROTTLING_CODES.has(e.Code ?? '') || e.$retryable?.throttling === true || e.$metadata?.httpStatusCode === 429;
}
/** Throttling, 5xx and network failures are worth another try; a client fault is not. */
function isTransientAwsError(error) {
    if (isThrottlingError(error))
        return true;
    if (typeof error !== 'object' || error === null)
        return false;
    const e = error;
    const status = e.$metadata?.httpStatusCode;
    if (status !== undefined && status >= 500)
        return true;
    return ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'TimeoutError', 'RequestTimeout', 'InternalFailure', 'ServiceUnavailable'].includes(e.code ?? e.name ?? '');
}
/** "CreateDBSnapshot failed: DBSnapshotAlreadyExistsFault: Cannot create the snapshot because …" */
function describeAwsError(operation, error) {
    if (error instanceof Error) {
        const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
        return `${operation} failed: ${name}${error.message}`;
    }
    return `${operation} failed: ${(0,error_message/* errorMessage */.g)(error)}`;
}

// EXTERNAL MODULE: ./packages/core/log.ts
var log = __webpack_require__(3306);
// EXTERNAL MODULE: ./packages/core/poll.ts
var poll = __webpack_require__(4219);
// EXTERNAL MODULE: ./packages/core/retry.ts
var retry = __webpack_require__(4066);
// EXTERNAL MODULE: ./packages/providers/snapshot/managed.ts
var managed = __webpack_require__(3485);
;// CONCATENATED MODULE: ./packages/providers/snapshot/rds-snapshot/rds-snapshot-mapping.ts

// DB instance and cluster identifiers: 1–63 letters, digits or hyphens, starting with a letter,
// no two consecutive hyphens, not ending with a hyphen. Snapshot identifiers: the same, up to 255.
const IDENTIFIER = /^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*$/;
function checkIdentifier(value, maxLength, what) {
    if (value.length === 0 || value.length > maxLength || !IDENTIFIER.test(value) || value.endsWith('-')) {
        throw new Error(`${what} "${value}" is not a valid RDS identifier: expected 1-${maxLength} letters, digits or hyphens, starting with a letter, without "--" or a trailing hyphen`);
    }
}
/**
 * Reads a source or restore target: `mydb` or `instance:mydb` names a DB instance,
 * `cluster:my-cluster` an Aurora DB cluster. The prefix is how this provider tells CreateDBSnapshot
 * from CreateDBClusterSnapshot (and the two restore calls) apart without another input.
 */
function parseRdsResource(value, what = 'source') {
    const trimmed = value.trim();
    const match = /^(instance|cluster):(.*)$/i.exec(trimmed);
    const kind = match ? match[1].toLowerCase() : 'instance';
    const id = match ? match[2] : trimmed;
    checkIdentifier(id, 63, `${what}`);
    return match ? { kind, id, explicit: true } : { kind, id };
}
/** A snapshot id may carry the `cluster:` prefix too (as listManaged returns it for clusters). */
function parseRdsSnapshotId(value) {
    const match = /^(instance|cluster):(.*)$/i.exec(value.trim());
    const id = match ? match[2] : value.trim();
    checkIdentifier(id, 255, 'snapshot id');
    return { kind: match ? match[1].toLowerCase() : undefined, id };
}
/** Our marker first, then the caller's tags; the caller cannot overwrite the marker. */
function buildRdsTags(tags) {
    const list = Object.entries(tags)
        .filter(([key]) => key !== managed/* MANAGED_TAG_KEY */.JS)
        .map(([Key, Value]) => ({ Key, Value }));
    return [{ Key: managed/* MANAGED_TAG_KEY */.JS, Value: managed/* MANAGED_TAG_VALUE */.xh }, ...list];
}
function tagsToRecord(tags) {
    const record = {};
    for (const tag of tags ?? [])
        if (tag.Key !== undefined)
            record[tag.Key] = tag.Value ?? '';
    return record;
}
function carriesManagedTag(tags) {
    return (tags ?? []).some((tag) => tag.Key === managed/* MANAGED_TAG_KEY */.JS && tag.Value === managed/* MANAGED_TAG_VALUE */.xh);
}
/** Manual and tagged by this suite: the only snapshots retention may delete. */
function isManagedSnapshot(snapshot) {
    return snapshot.SnapshotType === 'manual' && carriesManagedTag(snapshot.TagList);
}
/**
 * Snapshot statuses from the RDS reference: creating, available, copying, failed, deleting,
 * incompatible-* … — `available` is done, `failed`, `deleted`, `deleting` and `incompatible-*`
 * are final failures; anything else is still in progress.
 */
function snapshotPhase(status) {
    const value = (status ?? '').toLowerCase();
    if (value === 'available')
        return 'available';
    if (value === 'failed' || value === 'deleted' || value === 'deleting' || value.startsWith('incompatible'))
        return 'failed';
    return 'pending';
}
/**
 * DB instance / cluster statuses while a restore runs: creating, backing-up, modifying,
 * configuring-enhanced-monitoring … until `available`; failed, incompatible-restore,
 * incompatible-parameters, inaccessible-encryption-credentials … are final failures.
 */
function databasePhase(status) {
    const value = (status ?? '').toLowerCase();
    if (value === 'available')
        return 'available';
    if (value === 'failed' || value === 'deleting' || value.startsWith('incompatible') || value.startsWith('inaccessible'))
        return 'failed';
    return 'pending';
}
function isoTime(value) {
    if (value === undefined)
        return '';
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
/** DBSnapshot or DBClusterSnapshot → SnapshotInfo. Cluster snapshot ids come back `cluster:`-prefixed. */
function toSnapshotInfo(snapshot) {
    const clusterId = snapshot.DBClusterSnapshotIdentifier;
    return {
        id: clusterId !== undefined ? `cluster:${clusterId}` : (snapshot.DBSnapshotIdentifier ?? ''),
        createdAt: isoTime(snapshot.SnapshotCreateTime),
        status: snapshot.Status ?? 'unknown',
        ...(snapshot.FullSnapshotSizeInBytes !== undefined ? { sizeBytes: snapshot.FullSnapshotSizeInBytes } : {}),
        tags: tagsToRecord(snapshot.TagList)
    };
}
function endpointAddress(endpoint) {
    if (!endpoint?.Address)
        return undefined;
    return endpoint.Port ? `${endpoint.Address}:${endpoint.Port}` : endpoint.Address;
}
function clusterEndpointAddress(cluster) {
    if (!cluster?.Endpoint)
        return undefined;
    return cluster.Port ? `${cluster.Endpoint}:${cluster.Port}` : cluster.Endpoint;
}

;// CONCATENATED MODULE: ./packages/providers/snapshot/rds-snapshot/rds-snapshot.ts









/**
 * AWS RDS / Aurora manual snapshots through @aws-sdk/client-rds (the official SDK).
 *
 * - Sources and restore targets: `mydb` / `instance:mydb` (DB instance) or `cluster:name`
 *   (Aurora DB cluster); see rds-snapshot-mapping.ts parseRdsResource.
 * - Retries: the SDK's are off (packages/clouds/aws/client-config.ts); around every call our
 *   retry() rides out throttling, 5xx and network failures with backoff and jitter; every wait
 *   has its own deadline (request.timeoutMs) and reports progress on each poll.
 * - Credentials and region: packages/clouds/aws (GitHub OIDC web identity, else the SDK's default
 *   chain: env keys, token file from aws-actions/configure-aws-credentials, profiles); endpoint
 *   from config.endpoint or the SDK-native AWS_ENDPOINT_URL_RDS.
 */
/** Attempts per RDS call (ours only: the SDK's retries are off). */
const CALL_ATTEMPTS = 6;
async function createRdsSnapshotProvider(config) {
    const { credentials } = await (0,aws_credentials/* awsCredentials */.c)({});
    const client = new dist_cjs/* RDSClient */.rYe((0,client_config/* awsClientConfig */.r)({ region: config.region, endpoint: config.endpoint, credentials }));
    return new RdsSnapshotProvider(client, config);
}
class RdsSnapshotProvider {
    client;
    kind = 'rds-snapshot';
    logger;
    clock;
    constructor(client, config) {
        this.client = client;
        this.logger = config.logger ?? log/* silentLogger */.q;
        this.clock = (0,poll/* pollClock */.kO)(config);
    }
    async create(req) {
        const source = parseRdsResource(req.source, 'source');
        const snapshotId = parseRdsSnapshotId(req.snapshotId).id;
        const Tags = buildRdsTags(req.tags);
        if (source.kind === 'cluster') {
            await this.call('CreateDBClusterSnapshot', () => this.client.send(new dist_cjs/* CreateDBClusterSnapshotCommand */.Iv4({ DBClusterIdentifier: source.id, DBClusterSnapshotIdentifier: snapshotId, Tags })));
        }
        else {
            await this.call('CreateDBSnapshot', () => this.client.send(new dist_cjs/* CreateDBSnapshotCommand */.SQw({ DBInstanceIdentifier: source.id, DBSnapshotIdentifier: snapshotId, Tags })));
        }
        this.logger.info(`Creating RDS ${source.kind === 'cluster' ? 'cluster ' : ''}snapshot ${snapshotId} of ${source.id}`);
        const snapshot = await (0,poll/* waitUntil */.a0)({
            what: `RDS snapshot ${snapshotId}`,
            timeoutMs: req.timeoutMs,
            ...this.clock,
            signal: req.signal,
            onProgress: req.onProgress,
            timeoutHint: `the snapshot keeps being created in AWS and carries the ${managed/* MANAGED_TAG_KEY */.JS}=${managed/* MANAGED_TAG_VALUE */.xh} tag, so retention can remove it later`,
            check: async () => {
                const found = await this.describeSnapshot(source.kind, snapshotId);
                if (!found)
                    return { done: false, status: 'not visible yet' };
                const phase = snapshotPhase(found.Status);
                if (phase === 'available')
                    return { done: true, value: found };
                if (phase === 'failed')
                    throw new Error(`RDS snapshot ${snapshotId} of ${source.id} ended with status "${found.Status}"`);
                return { done: false, status: found.Status ?? 'unknown', ...(found.PercentProgress !== undefined ? { percent: found.PercentProgress } : {}) };
            }
        });
        return toSnapshotInfo(snapshot);
    }
    async listManaged(source) {
        const ref = parseRdsResource(source, 'source');
        const found = [];
        let Marker;
        do {
            if (ref.kind === 'cluster') {
                const page = await this.call('DescribeDBClusterSnapshots', () => this.client.send(new dist_cjs/* DescribeDBClusterSnapshotsCommand */.cWV({ DBClusterIdentifier: ref.id, SnapshotType: 'manual', Marker })));
                found.push(...(page.DBClusterSnapshots ?? []));
                Marker = page.Marker;
            }
            else {
                const page = await this.call('DescribeDBSnapshots', () => this.client.send(new dist_cjs/* DescribeDBSnapshotsCommand */.KKI({ DBInstanceIdentifier: ref.id, SnapshotType: 'manual', Marker })));
                found.push(...(page.DBSnapshots ?? []));
                Marker = page.Marker;
            }
        } while (Marker);
        return (0,managed/* sortNewestFirst */.BP)(found.filter(isManagedSnapshot).map(toSnapshotInfo));
    }
    async delete(id, source) {
        const ref = parseRdsResource(source, 'source');
        const snapshot = parseRdsSnapshotId(id);
        const kind = snapshot.kind ?? ref.kind;
        const found = await this.describeSnapshot(kind, snapshot.id);
        if (!found)
            throw new Error(`RDS snapshot ${snapshot.id} does not exist (nothing deleted)`);
        const owner = kind === 'cluster' ? found.DBClusterIdentifier : found.DBInstanceIdentifier;
        if (!isManagedSnapshot(found)) {
            throw new Error(`refusing to delete RDS snapshot ${snapshot.id}: only manual snapshots tagged ${managed/* MANAGED_TAG_KEY */.JS}=${managed/* MANAGED_TAG_VALUE */.xh} are deleted by this suite (this one is ${found.SnapshotType ?? 'of unknown type'}${isManagedSnapshot({ ...found, SnapshotType: 'manual' }) ? '' : ', without the tag'})`);
        }
        if (owner !== ref.id) {
            throw new Error(`refusing to delete RDS snapshot ${snapshot.id}: it belongs to ${owner ?? 'an unknown source'}, not ${ref.id}`);
        }
        if (kind === 'cluster') {
            await this.call('DeleteDBClusterSnapshot', () => this.client.send(new dist_cjs/* DeleteDBClusterSnapshotCommand */.fW3({ DBClusterSnapshotIdentifier: snapshot.id })));
        }
        else {
            await this.call('DeleteDBSnapshot', () => this.client.send(new dist_cjs/* DeleteDBSnapshotCommand */.PHQ({ DBSnapshotIdentifier: snapshot.id })));
        }
        this.logger.info(`Deleted RDS snapshot ${snapshot.id}`);
    }
    async restore(req) {
        const snapshot = parseRdsSnapshotId(req.snapshotId);
        const target = parseRdsResource(req.target, 'target');
        const sourceKind = req.source ? parseRdsResource(req.source, 'source').kind : undefined;
        // The snapshot's kind comes from its id prefix, else the source's, else an explicit target
        // prefix; a bare target name takes the snapshot's kind.
        const kind = snapshot.kind ?? sourceKind ?? target.kind;
        if (kind !== target.kind && target.explicit) {
            throw new Error(`cannot restore ${kind === 'cluster' ? 'an Aurora cluster' : 'a DB instance'} snapshot into ${target.kind === 'cluster' ? 'a cluster' : 'a DB instance'}: write the target as ${kind === 'cluster' ? '"cluster:<name>"' : '"<name>"'}`);
        }
        const found = await this.describeSnapshot(kind, snapshot.id);
        if (!found)
            throw new Error(`RDS snapshot ${snapshot.id} does not exist`);
        if (snapshotPhase(found.Status) !== 'available')
            throw new Error(`RDS snapshot ${snapshot.id} is "${found.Status}", not available`);
        const Tags = buildRdsTags({ 'restored-from': snapshot.id });
        return kind === 'cluster' ? this.restoreCluster(req, snapshot.id, target.id, found, Tags) : this.restoreInstance(req, snapshot.id, target.id, found, Tags);
    }
    async restoreInstance(req, snapshotId, targetId, snapshot, Tags) {
        // Restore next to the original (its subnet group, security groups and class) when it still exists.
        const original = snapshot.DBInstanceIdentifier ? await this.describeInstance(snapshot.DBInstanceIdentifier) : undefined;
        const instanceClass = req.instanceClass || original?.DBInstanceClass;
        const securityGroups = (original?.VpcSecurityGroups ?? []).map((group) => group.VpcSecurityGroupId).filter((id) => !!id);
        await this.call('RestoreDBInstanceFromDBSnapshot', () => this.client.send(new dist_cjs/* RestoreDBInstanceFromDBSnapshotCommand */.dX$({
            DBInstanceIdentifier: targetId,
            DBSnapshotIdentifier: snapshotId,
            ...(instanceClass ? { DBInstanceClass: instanceClass } : {}),
            ...(original?.DBSubnetGroup?.DBSubnetGroupName ? { DBSubnetGroupName: original.DBSubnetGroup.DBSubnetGroupName } : {}),
            ...(securityGroups.length > 0 ? { VpcSecurityGroupIds: securityGroups } : {}),
            Tags
        })));
        this.logger.info(`Restoring RDS snapshot ${snapshotId} into DB instance ${targetId}`);
        const endpoint = await this.waitForInstance(targetId, req);
        return { target: targetId, endpoint };
    }
    async restoreCluster(req, snapshotId, targetId, snapshot, Tags) {
        const original = snapshot.DBClusterIdentifier ? await this.describeCluster(snapshot.DBClusterIdentifier) : undefined;
        const securityGroups = (original?.VpcSecurityGroups ?? []).map((group) => group.VpcSecurityGroupId).filter((id) => !!id);
        await this.call('RestoreDBClusterFromSnapshot', () => this.client.send(new dist_cjs/* RestoreDBClusterFromSnapshotCommand */.sX2({
            DBClusterIdentifier: targetId,
            SnapshotIdentifier: snapshotId,
            Engine: snapshot.Engine,
            ...(snapshot.EngineVersion ? { EngineVersion: snapshot.EngineVersion } : {}),
            ...(original?.DBSubnetGroup ? { DBSubnetGroupName: original.DBSubnetGroup } : {}),
            ...(securityGroups.length > 0 ? { VpcSecurityGroupIds: securityGroups } : {}),
            Tags
        })));
        this.logger.info(`Restoring RDS cluster snapshot ${snapshotId} into cluster ${targetId}`);
        const started = this.clock.now();
        const cluster = await (0,poll/* waitUntil */.a0)({
            what: `RDS cluster ${targetId}`,
            timeoutMs: req.timeoutMs,
            ...this.clock,
            signal: req.signal,
            onProgress: req.onProgress,
            check: async () => {
                const found = await this.describeCluster(targetId);
                const phase = databasePhase(found?.Status);
                if (found && phase === 'available')
                    return { done: true, value: found };
                if (phase === 'failed')
                    throw new Error(`restored RDS cluster ${targetId} ended with status "${found?.Status}"`);
                return { done: false, status: found?.Status ?? 'not visible yet' };
            }
        });
        if (req.instanceClass) {
            const writer = `${targetId}-writer`;
            await this.call('CreateDBInstance', () => this.client.send(new dist_cjs/* CreateDBInstanceCommand */.day({ DBInstanceIdentifier: writer, DBClusterIdentifier: targetId, Engine: snapshot.Engine, DBInstanceClass: req.instanceClass, Tags })));
            this.logger.info(`Creating writer instance ${writer} in cluster ${targetId}`);
            await this.waitForInstance(writer, { ...req, timeoutMs: Math.max(1, req.timeoutMs - (this.clock.now() - started)) });
        }
        return { target: `cluster:${targetId}`, endpoint: clusterEndpointAddress(cluster) };
    }
    async waitForInstance(instanceId, req) {
        const instance = await (0,poll/* waitUntil */.a0)({
            what: `RDS instance ${instanceId}`,
            timeoutMs: req.timeoutMs,
            ...this.clock,
            signal: req.signal,
            onProgress: req.onProgress,
            check: async () => {
                const found = await this.describeInstance(instanceId);
                const phase = databasePhase(found?.DBInstanceStatus);
                if (found && phase === 'available')
                    return { done: true, value: found };
                if (phase === 'failed')
                    throw new Error(`RDS instance ${instanceId} ended with status "${found?.DBInstanceStatus}"`);
                return { done: false, status: found?.DBInstanceStatus ?? 'not visible yet' };
            }
        });
        return endpointAddress(instance.Endpoint);
    }
    async describeSnapshot(kind, id) {
        try {
            if (kind === 'cluster') {
                const out = await this.call('DescribeDBClusterSnapshots', () => this.client.send(new dist_cjs/* DescribeDBClusterSnapshotsCommand */.cWV({ DBClusterSnapshotIdentifier: id })));
                return out.DBClusterSnapshots?.[0];
            }
            const out = await this.call('DescribeDBSnapshots', () => this.client.send(new dist_cjs/* DescribeDBSnapshotsCommand */.KKI({ DBSnapshotIdentifier: id })));
            return out.DBSnapshots?.[0];
        }
        catch (error) {
            if (isNotFound(error, ['DBSnapshotNotFoundFault', 'DBClusterSnapshotNotFoundFault']))
                return undefined;
            throw error;
        }
    }
    async describeInstance(id) {
        try {
            const out = await this.call('DescribeDBInstances', () => this.client.send(new dist_cjs/* DescribeDBInstancesCommand */.hhJ({ DBInstanceIdentifier: id })));
            return out.DBInstances?.[0];
        }
        catch (error) {
            if (isNotFound(error, ['DBInstanceNotFoundFault']))
                return undefined;
            throw error;
        }
    }
    async describeCluster(id) {
        try {
            const out = await this.call('DescribeDBClusters', () => this.client.send(new dist_cjs/* DescribeDBClustersCommand */.Kdv({ DBClusterIdentifier: id })));
            return out.DBClusters?.[0];
        }
        catch (error) {
            if (isNotFound(error, ['DBClusterNotFoundFault']))
                return undefined;
            throw error;
        }
    }
    /** One RDS call: throttling, 5xx and network failures are retried with backoff and jitter. */
    async call(operation, send) {
        try {
            return await (0,retry/* retry */.L5)(() => send(), {
                attempts: CALL_ATTEMPTS,
                baseDelayMs: 2_000,
                maxDelayMs: 20_000,
                isRetryable: isTransientAwsError,
                sleep: this.clock.sleep,
                onRetry: ({ attempt, delayMs, error }) => this.logger.info(`${operation} ${isThrottlingError(error) ? 'throttled' : 'failed'} (attempt ${attempt}); retrying in ${Math.round(delayMs / 100) / 10} s`)
            });
        }
        catch (error) {
            throw new RdsCallError(describeAwsError(operation, error), error);
        }
    }
}
class RdsCallError extends Error {
    constructor(message, cause) {
        super(message, { cause });
        this.name = 'RdsCallError';
    }
}
function isNotFound(error, names) {
    const inner = error instanceof RdsCallError ? error.cause : error;
    const name = inner?.name ?? '';
    return names.includes(name) || names.map((n) => n.replace(/Fault$/, '')).includes(name);
}


/***/ })

};
