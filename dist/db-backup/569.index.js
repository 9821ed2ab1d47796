export const id = 569;
export const ids = [569];
export const modules = {

/***/ 3557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  o: () => (/* binding */ buildArmCredential)
});

// EXTERNAL MODULE: ./packages/core/error-message.ts
var error_message = __webpack_require__(3728);
;// CONCATENATED MODULE: ./packages/clouds/azure/credential-choice.ts
/**
 * Which Azure credential the environment calls for, in the suite's order of preference. Pure:
 * reads only the env object it is given; credential.ts builds the @azure/identity object.
 *
 * 1. GitHub OIDC (federated credential): the job may request an ID token
 *    (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN are set when the workflow grants `id-token: write`)
 *    and AZURE_CLIENT_ID + AZURE_TENANT_ID name the app registration / managed identity that
 *    trusts it. No secret is stored anywhere.
 * 2. Client secret: AZURE_CLIENT_ID + AZURE_TENANT_ID + AZURE_CLIENT_SECRET.
 * 3. Managed identity (self-hosted runner on an Azure VM, App Service, Arc…), user-assigned when
 *    AZURE_CLIENT_ID is set.
 */
const GITHUB_OIDC_AUDIENCE = 'api://AzureADTokenExchange';
function chooseArmCredential(env) {
    const clientId = env.AZURE_CLIENT_ID?.trim() || undefined;
    const tenantId = env.AZURE_TENANT_ID?.trim() || undefined;
    const clientSecret = env.AZURE_CLIENT_SECRET || undefined;
    const canRequestIdToken = !!env.ACTIONS_ID_TOKEN_REQUEST_URL && !!env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (canRequestIdToken && clientId && tenantId)
        return { kind: 'github-oidc', tenantId, clientId };
    if (clientSecret && clientId && tenantId)
        return { kind: 'client-secret', tenantId, clientId, clientSecret };
    return clientId ? { kind: 'managed-identity', clientId } : { kind: 'managed-identity' };
}
/** How to fix a failed sign-in, per credential kind (never includes a secret). */
function credentialHint(choice) {
    switch (choice.kind) {
        case 'github-oidc':
            return `signed in with a GitHub OIDC token for client ${choice.clientId} in tenant ${choice.tenantId}: check that the app registration has a federated credential for this repository/branch/environment with audience ${GITHUB_OIDC_AUDIENCE}`;
        case 'client-secret':
            return `signed in with the client secret of ${choice.clientId} in tenant ${choice.tenantId}: check that the secret is current`;
        case 'managed-identity':
            return 'no GitHub OIDC (grant the job `permissions: id-token: write` and set AZURE_CLIENT_ID and AZURE_TENANT_ID) and no client secret (AZURE_CLIENT_SECRET) is configured, and the managed identity of this host could not sign in';
    }
}

;// CONCATENATED MODULE: ./packages/clouds/azure/credential.ts


/**
 * Builds the @azure/identity credential the environment calls for (see credential-choice.ts for
 * the order). The GitHub ID token is fetched through @actions/core getIDToken (which masks it)
 * every time Entra ID asks for an assertion, so a long wait never outlives a token.
 * @azure/identity is loaded lazily: only Azure providers need it.
 */
async function buildArmCredential(env = process.env) {
    const choice = chooseArmCredential(env);
    const identity = await Promise.all(/* import() */[__webpack_require__.e(738), __webpack_require__.e(952)]).then(__webpack_require__.bind(__webpack_require__, 3952));
    let credential;
    switch (choice.kind) {
        case 'github-oidc': {
            const { getIDToken } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4116));
            credential = new identity.ClientAssertionCredential(choice.tenantId, choice.clientId, () => getIDToken(GITHUB_OIDC_AUDIENCE));
            break;
        }
        case 'client-secret':
            credential = new identity.ClientSecretCredential(choice.tenantId, choice.clientId, choice.clientSecret);
            break;
        case 'managed-identity':
            credential = choice.clientId ? new identity.ManagedIdentityCredential({ clientId: choice.clientId }) : new identity.ManagedIdentityCredential();
            break;
    }
    return { credential: withSignInHint(credential, choice), choice };
}
/** A failed sign-in says which credential was tried and how to fix it. */
function withSignInHint(credential, choice) {
    return {
        async getToken(scopes, options) {
            try {
                const token = await credential.getToken(scopes, options);
                if (!token)
                    throw new Error('no token returned');
                return token;
            }
            catch (error) {
                const reason = (0,error_message/* errorMessage */.g)(error).split('\n')[0];
                throw new Error(`Azure sign-in failed (${choice.kind}): ${reason} — ${credentialHint(choice)}`, { cause: error });
            }
        }
    };
}


/***/ }),

/***/ 3306:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ silentLogger)
/* harmony export */ });
const silentLogger = { info() { }, warning() { }, debug() { } };


/***/ }),

/***/ 4569:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FlexibleBackupProvider: () => (/* binding */ FlexibleBackupProvider),
  createFlexibleBackupProvider: () => (/* binding */ createFlexibleBackupProvider)
});

// EXTERNAL MODULE: ./packages/core/http.ts
var http = __webpack_require__(5770);
// EXTERNAL MODULE: ./packages/core/log.ts
var log = __webpack_require__(3306);
// EXTERNAL MODULE: ./packages/core/poll.ts
var poll = __webpack_require__(4219);
// EXTERNAL MODULE: ./packages/core/retry-after.ts
var retry_after = __webpack_require__(3641);
;// CONCATENATED MODULE: ./packages/clouds/azure/arm.ts
/**
 * Azure Resource Manager, the pure half: URLs, the OAuth scope, the origin rule for the Bearer
 * token, ARM error bodies and the async-operation status. arm-client.ts does the calls.
 *
 * Stable API (build-push's ACR token exchange and the Azure traffic providers use it):
 *   ARM_DEFAULT_ENDPOINT, armUrl(endpoint, resourcePath, apiVersion), armScope(endpoint),
 *   isSameOrigin(url, endpoint), parseArmErrorBody(body), formatArmError(detail),
 *   operationPhase(status), types ArmErrorDetail, ArmOperationStatus, OperationPhase.
 */
const ARM_DEFAULT_ENDPOINT = 'https://management.azure.com';
/** ARM URL for a resource path (`/subscriptions/…`), with the api-version. */
function armUrl(endpoint, resourcePath, apiVersion) {
    const base = endpoint.replace(/\/+$/, '');
    const path = resourcePath
        .split('/')
        .map((segment) => encodeURIComponent(decodeURIComponent(segment)))
        .join('/');
    return `${base}${path}?api-version=${encodeURIComponent(apiVersion)}`;
}
/** The OAuth scope for the ARM endpoint: https://management.azure.com/.default, or a sovereign cloud's. */
function armScope(endpoint) {
    return `${new URL(endpoint).origin}/.default`;
}
/**
 * The Bearer token may only travel to the ARM endpoint's own origin: polling URLs come from
 * response headers, so one pointing elsewhere is refused rather than followed with the token.
 */
function isSameOrigin(url, endpoint) {
    try {
        return new URL(url).origin === new URL(endpoint).origin;
    }
    catch {
        return false;
    }
}
/** Azure-AsyncOperation status body → pending / succeeded / failed (with the error code and message). */
function operationPhase(body) {
    const status = body.status ?? 'Unknown';
    const normalized = status.toLowerCase();
    if (normalized === 'succeeded')
        return { phase: 'succeeded' };
    if (normalized === 'failed' || normalized === 'canceled' || normalized === 'cancelled') {
        return { phase: 'failed', status, message: body.error ? formatArmError(body.error) : `operation ${status.toLowerCase()} without an error detail` };
    }
    const percent = typeof body.percentComplete === 'number' && Number.isFinite(body.percentComplete) ? Math.round(body.percentComplete) : undefined;
    return { phase: 'pending', status, ...(percent !== undefined ? { percent } : {}) };
}
/** "Code: message (Inner: detail)". */
function formatArmError(error) {
    const head = [error.code, error.message].filter(Boolean).join(': ') || 'unknown error';
    const details = (error.details ?? []).map((d) => [d.code, d.message].filter(Boolean).join(': ')).filter(Boolean);
    return details.length > 0 ? `${head} (${details.join('; ')})` : head;
}
/** An ARM error response body `{ "error": { "code", "message", "details" } }`, if it is one. */
function parseArmErrorBody(body) {
    try {
        const parsed = JSON.parse(body);
        return parsed && typeof parsed.error === 'object' ? parsed.error : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./packages/clouds/azure/arm-client.ts





class ArmRequestError extends Error {
    status;
    code;
    constructor(message, status, code) {
        super(message);
        this.status = status;
        this.code = code;
        this.name = 'ArmRequestError';
    }
}
class ArmClient {
    endpoint;
    clock;
    credential;
    logger;
    attemptTimeoutMs;
    attempts;
    constructor(options) {
        this.endpoint = (options.endpoint || ARM_DEFAULT_ENDPOINT).replace(/\/+$/, '');
        this.credential = options.credential;
        this.logger = options.logger ?? log/* silentLogger */.q;
        this.clock = (0,poll/* pollClock */.kO)(options);
        this.attemptTimeoutMs = options.attemptTimeoutMs ?? 60_000;
        this.attempts = options.attempts ?? 5;
    }
    url(resourcePath, apiVersion) {
        return armUrl(this.endpoint, resourcePath, apiVersion);
    }
    /** One ARM call: Bearer token, JSON, 429/5xx retried honouring Retry-After, ARM errors decoded. */
    async request(method, url, what, body, signal) {
        const token = await this.credential.getToken(armScope(this.endpoint));
        if (!token)
            throw new Error('Azure sign-in returned no token');
        const headers = { authorization: `Bearer ${token.token}`, accept: 'application/json' };
        if (body !== undefined)
            headers['content-type'] = 'application/json';
        try {
            return await (0,http/* httpRequestWithRetry */.sF)({ url, method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), timeoutMs: this.attemptTimeoutMs, ...(signal ? { signal } : {}) }, `Azure Resource Manager (${what})`, {
                attempts: this.attempts,
                baseDelayMs: 1_000,
                sleep: this.clock.sleep,
                ...(signal ? { signal } : {}),
                onRetry: ({ attempt, delayMs, error }) => {
                    const status = error instanceof http/* HttpStatusError */.F9 ? `HTTP ${error.status}` : 'network error';
                    this.logger.info(`Azure ${what}: ${status} (attempt ${attempt}); retrying in ${Math.round(delayMs / 100) / 10} s`);
                }
            });
        }
        catch (error) {
            if (error instanceof http/* HttpStatusError */.F9) {
                const detail = parseArmErrorBody(error.response.body);
                const retried = (0,http/* isRetryableStatus */.PS)(error.status) ? ' after retries' : '';
                throw new ArmRequestError(`Azure ${what} failed${retried}: HTTP ${error.status}${detail ? ` ${formatArmError(detail)}` : ''}`, error.status, detail?.code);
            }
            throw error;
        }
    }
    /**
     * Waits for an ARM long-running operation started by `initial`: done at once on 200/201/204
     * without a polling header; otherwise polls Azure-AsyncOperation (preferred) or Location.
     */
    async waitForOperation(initial, what, wait, timeoutHint) {
        const asyncUrl = initial.headers['azure-asyncoperation'];
        const locationUrl = initial.headers['location'];
        if (!asyncUrl && !(initial.status === 202 && locationUrl))
            return;
        const pollUrl = asyncUrl || locationUrl;
        if (!pollUrl)
            return;
        if (!isSameOrigin(pollUrl, this.endpoint))
            throw new Error(`${what}: refusing to poll ${new URL(pollUrl).origin}, which is not the ARM endpoint`);
        let first = true;
        await (0,poll/* waitUntil */.a0)({
            what,
            timeoutMs: wait.timeoutMs,
            ...this.clock,
            signal: wait.signal,
            onProgress: wait.onProgress,
            ...(timeoutHint ? { timeoutHint } : {}),
            check: async () => {
                if (first) {
                    // ARM asks clients to wait Retry-After (if any) before the first poll.
                    first = false;
                    const retryAfterMs = (0,retry_after/* parseRetryAfter */.m)(initial.headers['retry-after']);
                    return { done: false, status: 'Accepted', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
                }
                const response = await this.request('GET', pollUrl, `poll ${what}`, undefined, wait.signal);
                const retryAfterMs = (0,retry_after/* parseRetryAfter */.m)(response.headers['retry-after']);
                const hint = retryAfterMs !== undefined ? { retryAfterMs } : {};
                if (asyncUrl) {
                    const phase = operationPhase(parseArmJson(response, 'operation status'));
                    if (phase.phase === 'succeeded')
                        return { done: true, value: undefined };
                    if (phase.phase === 'failed')
                        throw new Error(`${what} ${phase.status.toLowerCase()}: ${phase.message}`);
                    return { done: false, status: phase.status, ...(phase.percent !== undefined ? { percent: phase.percent } : {}), ...hint };
                }
                if (response.status === 202)
                    return { done: false, status: 'InProgress', ...hint };
                return { done: true, value: undefined };
            }
        });
    }
}
/** An ARM answer's JSON body (`{}` when empty). */
function parseArmJson(response, what) {
    if (response.body.trim() === '')
        return {};
    try {
        return JSON.parse(response.body);
    }
    catch {
        throw new Error(`Azure ${what} answer is not JSON (HTTP ${response.status})`);
    }
}

// EXTERNAL MODULE: ./packages/clouds/azure/credential.ts + 1 modules
var azure_credential = __webpack_require__(3557);
// EXTERNAL MODULE: ./packages/providers/snapshot/managed.ts
var managed = __webpack_require__(3485);
;// CONCATENATED MODULE: ./packages/providers/snapshot/azure-flexible/flexible-backup-mapping.ts

/**
 * Pure helpers for Azure Database for PostgreSQL Flexible Server on-demand backups (ARM REST,
 * api-version 2024-08-01, "Backups" operations): resource ids and URLs, the backup-name marker,
 * response mapping. ARM itself (URLs, errors, operation status) is packages/clouds/azure/arm.ts.
 *
 * Marker: Azure backups carry no tags, so the suite marks its backups by NAME. Every backup it
 * creates is called `da-<snapshot id>` (characters outside [A-Za-z0-9_.-] become "-", as the API
 * allows only ^[-\w._]+$). Only backups of type "Customer On-Demand" whose name starts with
 * `da-` are listed as managed or ever deleted; automatic ("Full") backups never are.
 */
const FLEXIBLE_SERVER_API_VERSION = '2024-08-01';
const MANAGED_BACKUP_PREFIX = 'da-';
const ON_DEMAND_BACKUP_TYPE = 'Customer On-Demand';
const PROVIDER = 'Microsoft.DBforPostgreSQL/flexibleServers';
const SERVER_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/([^/]+)$/i;
const BACKUP_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/([^/]+)\/backups\/([^/]+)$/i;
// Server names: 3–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen.
const SERVER_NAME = /^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/;
const BACKUP_NAME = /^[-\w._]+$/;
function checkServerName(server, what) {
    if (!SERVER_NAME.test(server)) {
        throw new Error(`${what} "${server}" is not a valid Flexible Server name: expected 3-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen`);
    }
}
/** A server name (with subscription and resource group from config) or a full server resource id. */
function parseServerRef(value, defaults, what = 'source') {
    const trimmed = value.trim().replace(/\/+$/, '');
    const match = SERVER_ID.exec(trimmed);
    if (match)
        return { subscriptionId: match[1], resourceGroup: match[2], server: match[3] };
    if (trimmed.includes('/')) {
        throw new Error(`${what} "${value}" is neither a Flexible Server name nor a resource id /subscriptions/<id>/resourceGroups/<rg>/providers/${PROVIDER}/<name>`);
    }
    checkServerName(trimmed, what);
    if (!defaults.subscriptionId || !defaults.resourceGroup) {
        throw new Error(`${what} "${value}" is a bare server name, so the subscription id and resource group must be configured too (or give the full server resource id)`);
    }
    return { subscriptionId: defaults.subscriptionId, resourceGroup: defaults.resourceGroup, server: trimmed };
}
/**
 * A backup resource id (what create/listManaged return), or a bare backup name together with the
 * server it belongs to.
 */
function parseBackupRef(value, server) {
    const trimmed = value.trim();
    const match = BACKUP_ID.exec(trimmed);
    if (match)
        return { subscriptionId: match[1], resourceGroup: match[2], server: match[3], backupName: decodeURIComponent(match[4]) };
    if (!BACKUP_NAME.test(trimmed))
        throw new Error(`backup id "${value}" is neither a backup resource id nor a backup name`);
    if (!server)
        throw new Error(`backup "${value}" is a bare name: give the backup resource id, or the server it belongs to`);
    return { ...server, backupName: trimmed };
}
function serverResourceId(ref) {
    return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/${PROVIDER}/${ref.server}`;
}
function backupResourceId(ref) {
    return `${serverResourceId(ref)}/backups/${ref.backupName}`;
}
function sameServer(a, b) {
    return (a.subscriptionId.toLowerCase() === b.subscriptionId.toLowerCase() && a.resourceGroup.toLowerCase() === b.resourceGroup.toLowerCase() && a.server.toLowerCase() === b.server.toLowerCase());
}
/** `da-<snapshotId>`, with characters the API does not allow turned into "-". */
function managedBackupName(snapshotId) {
    const cleaned = snapshotId.trim().replace(/[^-\w.]/g, '-');
    if (cleaned.replace(/[-_.]/g, '') === '')
        throw new Error(`snapshot id "${snapshotId}" has no letters or digits to name a backup with`);
    return cleaned.startsWith(MANAGED_BACKUP_PREFIX) ? cleaned : `${MANAGED_BACKUP_PREFIX}${cleaned}`;
}
function hasManagedName(backupName) {
    return backupName.startsWith(MANAGED_BACKUP_PREFIX);
}
function isManagedBackup(backup) {
    return backup.properties?.backupType === ON_DEMAND_BACKUP_TYPE && hasManagedName(backup.name ?? '');
}
function isoTime(value) {
    if (!value)
        return '';
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
/**
 * ServerBackup → SnapshotInfo. A listed backup is complete (the API lists no pending ones), so
 * its status is "available". Tags: backups have none, so the managed marker is reported from the
 * name, and nothing else.
 */
function toSnapshotInfo(backup) {
    return {
        id: backup.id ?? backup.name ?? '',
        createdAt: isoTime(backup.properties?.completedTime),
        status: 'available',
        tags: isManagedBackup(backup) ? { [managed/* MANAGED_TAG_KEY */.JS]: managed/* MANAGED_TAG_VALUE */.xh } : {}
    };
}
/** The PUT body that restores `source` at `pointInTimeUTC` into a new server (createMode PointInTimeRestore). */
function pointInTimeRestoreBody(location, source, pointInTimeUTC) {
    return {
        location,
        properties: {
            createMode: 'PointInTimeRestore',
            sourceServerResourceId: serverResourceId(source),
            pointInTimeUTC
        }
    };
}

;// CONCATENATED MODULE: ./packages/providers/snapshot/azure-flexible/flexible-backup.ts





/**
 * On-demand backups of Azure Database for PostgreSQL Flexible Server through the ARM REST API
 * (api-version 2024-08-01: Backups_Create / _Get / _ListByServer / _Delete, Servers_Create with
 * createMode PointInTimeRestore, Servers_Get).
 *
 * Why REST (packages/clouds/azure/arm-client.ts) instead of @azure/arm-postgresql-flexible: five
 * calls, and the suite's one HTTP client gives the same per-attempt timeouts, 429/5xx retries
 * honouring Retry-After and injectable sleep as every other action, without a second pipeline
 * and its dependency tree in the bundle. The ARM client follows long-running operations and
 * sends the Bearer token only to the ARM origin.
 */
const DELETE_TIMEOUT_MS = 15 * 60_000;
async function createFlexibleBackupProvider(config) {
    const credential = config.credential ?? (await (0,azure_credential/* buildArmCredential */.o)()).credential;
    return new FlexibleBackupProvider(new ArmClient({ ...config, credential }), config);
}
class FlexibleBackupProvider {
    armClient;
    kind = 'azure-flexible';
    defaults;
    logger;
    constructor(armClient, config) {
        this.armClient = armClient;
        this.defaults = { subscriptionId: config.subscriptionId, resourceGroup: config.resourceGroup };
        this.logger = config.logger ?? log/* silentLogger */.q;
    }
    async create(req) {
        const server = parseServerRef(req.source, this.defaults, 'source');
        const ref = { ...server, backupName: managedBackupName(req.snapshotId) };
        if (Object.keys(req.tags).length > 0) {
            this.logger.debug(`Azure Flexible Server backups carry no tags; ${Object.keys(req.tags).length} tag(s) not stored (the name ${ref.backupName} marks it)`);
        }
        this.logger.info(`Creating on-demand backup ${ref.backupName} of Flexible Server ${server.server}`);
        const response = await this.arm('PUT', this.url(backupResourceId(ref)), `create backup ${ref.backupName}`, undefined, req.signal);
        await this.waitForOperation(response, `Azure backup ${ref.backupName}`, req, `the backup may still complete in Azure; its name starts with ${MANAGED_BACKUP_PREFIX}, so retention can remove it later`);
        const backup = await this.getBackup(ref);
        if (!backup)
            throw new Error(`Azure backup ${ref.backupName} finished but cannot be found on ${server.server}`);
        return toSnapshotInfo(backup);
    }
    async listManaged(source) {
        const server = parseServerRef(source, this.defaults, 'source');
        const backups = [];
        let url = this.url(`${serverResourceId(server)}/backups`);
        while (url) {
            const response = await this.arm('GET', url, `list backups of ${server.server}`);
            const page = parseArmJson(response, 'backup list');
            backups.push(...(page.value ?? []));
            url = page.nextLink || undefined;
        }
        return (0,managed/* sortNewestFirst */.BP)(backups.filter(isManagedBackup).map(toSnapshotInfo));
    }
    async delete(id, source) {
        const server = parseServerRef(source, this.defaults, 'source');
        const ref = parseBackupRef(id, server);
        if (!sameServer(ref, server)) {
            throw new Error(`refusing to delete Azure backup ${ref.backupName}: it belongs to server ${ref.server}, not ${server.server}`);
        }
        if (!hasManagedName(ref.backupName)) {
            throw new Error(`refusing to delete Azure backup ${ref.backupName}: only on-demand backups named ${MANAGED_BACKUP_PREFIX}… (created by this suite) are deleted`);
        }
        const backup = await this.getBackup(ref);
        if (!backup)
            throw new Error(`Azure backup ${ref.backupName} does not exist on ${server.server} (nothing deleted)`);
        if (!isManagedBackup(backup)) {
            throw new Error(`refusing to delete Azure backup ${ref.backupName}: it is of type "${backup.properties?.backupType ?? 'unknown'}", not "${ON_DEMAND_BACKUP_TYPE}"`);
        }
        const response = await this.arm('DELETE', this.url(backupResourceId(ref)), `delete backup ${ref.backupName}`);
        await this.waitForOperation(response, `deletion of Azure backup ${ref.backupName}`, {
            timeoutMs: DELETE_TIMEOUT_MS,
            onProgress: (p) => this.logger.info(`Deleting ${ref.backupName}: ${p.status}`)
        });
        this.logger.info(`Deleted Azure backup ${ref.backupName}`);
    }
    async restore(req) {
        const sourceServer = req.source ? parseServerRef(req.source, this.defaults, 'source') : undefined;
        const ref = parseBackupRef(req.snapshotId, sourceServer);
        const source = { subscriptionId: ref.subscriptionId, resourceGroup: ref.resourceGroup, server: ref.server };
        const target = parseServerRef(req.target, { subscriptionId: source.subscriptionId, resourceGroup: source.resourceGroup }, 'target');
        if (sameServer(source, target))
            throw new Error(`restore target ${target.server} is the backup's own server: name a new server`);
        const backup = await this.getBackup(ref);
        if (!backup)
            throw new Error(`Azure backup ${ref.backupName} does not exist on ${source.server}`);
        const pointInTime = backup.properties?.completedTime;
        if (!pointInTime)
            throw new Error(`Azure backup ${ref.backupName} has no completedTime to restore to`);
        const sourceInfo = parseArmJson(await this.arm('GET', this.url(serverResourceId(source)), `read server ${source.server}`), 'server');
        if (!sourceInfo.location)
            throw new Error(`Flexible Server ${source.server} reports no location`);
        this.logger.info(`Restoring ${source.server} at ${pointInTime} (backup ${ref.backupName}) into new server ${target.server}`);
        const response = await this.arm('PUT', this.url(serverResourceId(target)), `create server ${target.server}`, pointInTimeRestoreBody(sourceInfo.location, source, pointInTime));
        await this.waitForOperation(response, `restore into Flexible Server ${target.server}`, req);
        const restored = parseArmJson(await this.arm('GET', this.url(serverResourceId(target)), `read server ${target.server}`), 'server');
        const fqdn = restored.properties?.fullyQualifiedDomainName;
        return { target: target.server, ...(fqdn ? { endpoint: fqdn } : {}) };
    }
    async getBackup(ref) {
        try {
            return parseArmJson(await this.arm('GET', this.url(backupResourceId(ref)), `read backup ${ref.backupName}`), 'backup');
        }
        catch (error) {
            if (error instanceof ArmRequestError && error.status === 404)
                return undefined;
            throw error;
        }
    }
    url(resourcePath) {
        return this.armClient.url(resourcePath, FLEXIBLE_SERVER_API_VERSION);
    }
    arm(method, url, what, body, signal) {
        return this.armClient.request(method, url, what, body, signal);
    }
    waitForOperation(...args) {
        return this.armClient.waitForOperation(...args);
    }
}


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


/***/ })

};
