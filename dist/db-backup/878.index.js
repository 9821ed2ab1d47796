export const id = 878;
export const ids = [878];
export const modules = {

/***/ 3306:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ silentLogger)
/* harmony export */ });
const silentLogger = { info() { }, warning() { }, debug() { } };


/***/ }),

/***/ 2878:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createRdsSnapshotProvider: () => (/* binding */ createRdsSnapshotProvider)
});

// UNUSED EXPORTS: RdsCallError, RdsSnapshotProvider

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-rds/dist-cjs/index.js
var dist_cjs = __webpack_require__(7202);
// EXTERNAL MODULE: ./packages/core/log.ts
var log = __webpack_require__(3306);
// EXTERNAL MODULE: ./packages/core/retry.ts
var retry = __webpack_require__(4066);
// EXTERNAL MODULE: ./packages/providers/snapshot.ts
var providers_snapshot = __webpack_require__(6307);
// EXTERNAL MODULE: ./packages/providers/wait-until.ts
var wait_until = __webpack_require__(8275);
;// CONCATENATED MODULE: ./packages/providers/aws/rds-snapshot-mapping.ts

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
        .filter(([key]) => key !== providers_snapshot/* MANAGED_TAG_KEY */.JS)
        .map(([Key, Value]) => ({ Key, Value }));
    return [{ Key: providers_snapshot/* MANAGED_TAG_KEY */.JS, Value: providers_snapshot/* MANAGED_TAG_VALUE */.xh }, ...list];
}
function tagsToRecord(tags) {
    const record = {};
    for (const tag of tags ?? [])
        if (tag.Key !== undefined)
            record[tag.Key] = tag.Value ?? '';
    return record;
}
function carriesManagedTag(tags) {
    return (tags ?? []).some((tag) => tag.Key === providers_snapshot/* MANAGED_TAG_KEY */.JS && tag.Value === providers_snapshot/* MANAGED_TAG_VALUE */.xh);
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
/** Throttling answers from the RDS Query API (after the SDK's own retries gave up). */
function isThrottlingError(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const e = error;
    return (THROTTLING_CODES.has(e.name ?? '') ||
        THROTTLING_CODES.has(e.Code ?? '') ||
        e.$retryable?.throttling === true ||
        e.$metadata?.httpStatusCode === 429);
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
    return `${operation} failed: ${String(error)}`;
}

;// CONCATENATED MODULE: ./packages/providers/aws/rds-snapshot.ts






/**
 * AWS RDS / Aurora manual snapshots through @aws-sdk/client-rds (the official SDK).
 *
 * - Sources and restore targets: `mydb` / `instance:mydb` (DB instance) or `cluster:name`
 *   (Aurora DB cluster); see rds-snapshot-mapping.ts parseRdsResource.
 * - Retries: the SDK's own retry strategy in adaptive mode (client-side rate limiting when RDS
 *   throttles), and around every call our retry() for throttling/5xx that outlast it; every wait
 *   has its own deadline (request.timeoutMs) and reports progress on each poll.
 * - Credentials and region: the SDK's default chain (OIDC web identity from
 *   aws-actions/configure-aws-credentials, env keys, profiles); endpoint from config.endpoint or
 *   the SDK-native AWS_ENDPOINT_URL_RDS.
 */
const SDK_MAX_ATTEMPTS = 5;
async function createRdsSnapshotProvider(config) {
    const client = new dist_cjs/* RDSClient */.rYe({
        ...(config.region ? { region: config.region } : {}),
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
        maxAttempts: SDK_MAX_ATTEMPTS,
        retryMode: 'adaptive',
        // No call may hang: the SDK's default has no request timeout.
        requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 }
    });
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
        this.clock = (0,wait_until/* pollClock */.kO)(config);
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
        const snapshot = await (0,wait_until/* waitUntil */.a0)({
            what: `RDS snapshot ${snapshotId}`,
            timeoutMs: req.timeoutMs,
            ...this.clock,
            signal: req.signal,
            onProgress: req.onProgress,
            timeoutHint: `the snapshot keeps being created in AWS and carries the ${providers_snapshot/* MANAGED_TAG_KEY */.JS}=${providers_snapshot/* MANAGED_TAG_VALUE */.xh} tag, so retention can remove it later`,
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
        return (0,providers_snapshot/* sortNewestFirst */.BP)(found.filter(isManagedSnapshot).map(toSnapshotInfo));
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
            throw new Error(`refusing to delete RDS snapshot ${snapshot.id}: only manual snapshots tagged ${providers_snapshot/* MANAGED_TAG_KEY */.JS}=${providers_snapshot/* MANAGED_TAG_VALUE */.xh} are deleted by this suite (this one is ${found.SnapshotType ?? 'of unknown type'}${isManagedSnapshot({ ...found, SnapshotType: 'manual' }) ? '' : ', without the tag'})`);
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
        const cluster = await (0,wait_until/* waitUntil */.a0)({
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
        const instance = await (0,wait_until/* waitUntil */.a0)({
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
    /** One RDS call: throttling and 5xx that outlast the SDK's retries are retried with backoff. */
    async call(operation, send) {
        try {
            return await (0,retry/* retry */.L5)(() => send(), {
                attempts: 4,
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


/***/ }),

/***/ 8275:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a0: () => (/* binding */ waitUntil),
/* harmony export */   kO: () => (/* binding */ pollClock)
/* harmony export */ });
/* unused harmony export WaitTimeoutError */
/* harmony import */ var _core_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9031);
/* harmony import */ var _core_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4066);


class WaitTimeoutError extends Error {
    lastStatus;
    lastPercent;
    constructor(message, lastStatus, lastPercent) {
        super(message);
        this.lastStatus = lastStatus;
        this.lastPercent = lastPercent;
        this.name = 'WaitTimeoutError';
    }
}
async function waitUntil(options) {
    const { what, timeoutMs, check, onProgress, sleep, now, signal } = options;
    const started = now();
    let interval = Math.max(1, options.intervalMs);
    let lastStatus = 'unknown';
    let lastPercent;
    for (;;) {
        throwIfAborted(signal, what);
        const result = await check();
        const elapsedMs = now() - started;
        if (result.done)
            return result.value;
        lastStatus = result.status;
        lastPercent = result.percent;
        onProgress({ status: result.status, ...(result.percent !== undefined ? { percent: result.percent } : {}), elapsedMs });
        const remaining = timeoutMs - elapsedMs;
        if (remaining <= 0) {
            const percent = lastPercent !== undefined ? `, ${lastPercent}%` : '';
            throw new WaitTimeoutError(`${what} not ready within ${(0,_core_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .formatMs */ ._V)(timeoutMs)} (last status "${lastStatus}"${percent})${options.timeoutHint ? `; ${options.timeoutHint}` : ''}`, lastStatus, lastPercent);
        }
        const delay = Math.min(result.retryAfterMs ?? interval, remaining);
        interval = Math.min(interval * 2, options.maxIntervalMs);
        await abortableSleep(sleep, Math.max(0, delay), signal, what);
    }
}
function throwIfAborted(signal, what) {
    if (signal?.aborted)
        throw new Error(`waiting for ${what} was cancelled`);
}
async function abortableSleep(sleep, ms, signal, what) {
    if (!signal)
        return sleep(ms);
    throwIfAborted(signal, what);
    let onAbort;
    const aborted = new Promise((_, reject) => {
        onAbort = () => reject(new Error(`waiting for ${what} was cancelled`));
        signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
        await Promise.race([sleep(ms), aborted]);
    }
    finally {
        if (onAbort)
            signal.removeEventListener('abort', onAbort);
    }
}
function pollClock(config) {
    return {
        sleep: config.sleep ?? _core_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .defaultSleep */ .JG,
        now: config.now ?? Date.now,
        intervalMs: config.pollIntervalMs ?? 5_000,
        maxIntervalMs: config.maxPollIntervalMs ?? 30_000
    };
}


/***/ })

};
