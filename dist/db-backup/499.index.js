export const id = 499;
export const ids = [499];
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

/***/ 4219:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JG: () => (/* binding */ defaultSleep),
/* harmony export */   a0: () => (/* binding */ waitUntil),
/* harmony export */   kO: () => (/* binding */ pollClock),
/* harmony export */   wt: () => (/* binding */ poll)
/* harmony export */ });
/* unused harmony exports abortableSleep, WaitTimeoutError */
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9031);

async function poll(step, options) {
    for (let iteration = 1;; iteration++) {
        if (options.signal?.aborted)
            throw options.cancelled();
        const result = await step(iteration);
        if (result.done)
            return result.value;
        await abortableSleep(options.sleep, Math.max(0, result.delayMs), options.signal, options.cancelled);
    }
}
/** Sleeps, unless the signal fires first: then rejects with `cancelled()`. */
async function abortableSleep(sleep, ms, signal, cancelled) {
    if (!signal)
        return sleep(ms);
    if (signal.aborted)
        throw cancelled();
    let onAbort;
    const aborted = new Promise((_, reject) => {
        onAbort = () => reject(cancelled());
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
/**
 * Polls until `check` says done, with a deadline, a doubling interval, a server's Retry-After
 * taking precedence, progress on every poll, and the caller's AbortSignal honoured between polls.
 */
async function waitUntil(options) {
    const { what, timeoutMs, check, onProgress, now } = options;
    const started = now();
    let interval = Math.max(1, options.intervalMs);
    return poll(async () => {
        const result = await check();
        const elapsedMs = now() - started;
        if (result.done)
            return result;
        onProgress({ status: result.status, ...(result.percent !== undefined ? { percent: result.percent } : {}), elapsedMs });
        const remaining = timeoutMs - elapsedMs;
        if (remaining <= 0) {
            const percent = result.percent !== undefined ? `, ${result.percent}%` : '';
            throw new WaitTimeoutError(`${what} not ready within ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMs */ ._V)(timeoutMs)} (last status "${result.status}"${percent})${options.timeoutHint ? `; ${options.timeoutHint}` : ''}`, result.status, result.percent);
        }
        const delayMs = Math.min(result.retryAfterMs ?? interval, remaining);
        interval = Math.min(interval * 2, options.maxIntervalMs);
        return { done: false, delayMs };
    }, { sleep: options.sleep, signal: options.signal, cancelled: () => new Error(`waiting for ${what} was cancelled`) });
}
const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function pollClock(config) {
    return {
        sleep: config.sleep ?? defaultSleep,
        now: config.now ?? Date.now,
        intervalMs: config.pollIntervalMs ?? 5_000,
        maxIntervalMs: config.maxPollIntervalMs ?? 30_000
    };
}


/***/ }),

/***/ 4066:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L5: () => (/* binding */ retry)
/* harmony export */ });
/* unused harmony exports AttemptTimeoutError, backoffDelay */
/* harmony import */ var _poll_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4219);


class AttemptTimeoutError extends Error {
    timeoutMs;
    constructor(timeoutMs) {
        super(`attempt timed out after ${timeoutMs} ms`);
        this.timeoutMs = timeoutMs;
        this.name = 'AttemptTimeoutError';
    }
}
function backoffDelay(attempt, baseDelayMs, maxDelayMs, random) {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
async function retry(operation, options) {
    const { attempts, baseDelayMs = 500, maxDelayMs = 30_000, attemptTimeoutMs = 0, isRetryable = () => true, onRetry, signal, sleep = _poll_js__WEBPACK_IMPORTED_MODULE_0__/* .defaultSleep */ .JG, random = Math.random } = options;
    return (0,_poll_js__WEBPACK_IMPORTED_MODULE_0__/* .poll */ .wt)(async (attempt) => {
        try {
            return { done: true, value: await runAttempt(operation, attempt, attemptTimeoutMs, signal) };
        }
        catch (error) {
            if (attempt >= attempts || signal?.aborted || !isRetryable(error))
                throw error;
            const hinted = error?.retryAfterMs;
            const delayMs = hinted !== undefined ? Math.min(hinted, maxDelayMs * 4) : backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
            onRetry?.({ attempt, delayMs, error });
            return { done: false, delayMs };
        }
    }, { sleep, signal, cancelled: () => signal?.reason ?? new Error('aborted') });
}
async function runAttempt(operation, attempt, timeoutMs, outer) {
    const controller = new AbortController();
    const forward = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', forward, { once: true });
    let timer;
    const work = operation(controller.signal, attempt);
    try {
        if (timeoutMs <= 0)
            return await work;
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => {
                const error = new AttemptTimeoutError(timeoutMs);
                controller.abort(error);
                reject(error);
            }, timeoutMs);
        });
        return await Promise.race([work, timeout]);
    }
    finally {
        if (timer)
            clearTimeout(timer);
        outer?.removeEventListener('abort', forward);
    }
}


/***/ }),

/***/ 3499:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FlexibleBackupProvider: () => (/* binding */ FlexibleBackupProvider),
  createFlexibleBackupProvider: () => (/* binding */ createFlexibleBackupProvider)
});

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./packages/core/retry-after.ts
/**
 * Reads a Retry-After header: delta-seconds or an HTTP date. Returns milliseconds to wait, or
 * undefined when absent or unreadable.
 */
function parseRetryAfter(value, now = Date.now()) {
    const header = Array.isArray(value) ? value[0] : value;
    if (!header)
        return undefined;
    const trimmed = header.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    const at = Date.parse(trimmed);
    if (Number.isNaN(at))
        return undefined;
    return Math.max(0, at - now);
}

// EXTERNAL MODULE: ./packages/core/retry.ts
var retry = __webpack_require__(4066);
;// CONCATENATED MODULE: ./packages/core/http.ts



class HttpStatusError extends Error {
    status;
    response;
    retryAfterMs;
    constructor(status, response, what) {
        super(`${what} answered HTTP ${status}${snippet(response.body)}`);
        this.status = status;
        this.response = response;
        this.name = 'HttpStatusError';
        this.retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    }
}
function snippet(body) {
    const text = body.trim().replace(/\s+/g, ' ');
    return text === '' ? '' : `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}
let sharedAgent;
function httpAgent() {
    sharedAgent ??= new undici/* Agent */.g6({ keepAliveTimeout: 30_000, connections: 64, pipelining: 1 });
    return sharedAgent;
}
async function closeHttpAgent() {
    const agent = sharedAgent;
    sharedAgent = undefined;
    await agent?.close();
}
async function httpRequest(req) {
    const started = performance.now();
    // AbortSignal.timeout takes whole milliseconds only; callers compute budgets as fractions.
    const timeoutMs = req.timeoutMs ? Math.max(1, Math.ceil(req.timeoutMs)) : undefined;
    const signals = [req.signal, timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined].filter((s) => s !== undefined);
    const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    try {
        const response = await (0,undici/* request */.Em)(req.url, {
            method: (req.method ?? 'GET').toUpperCase(),
            headers: req.headers,
            body: req.body,
            signal,
            dispatcher: httpAgent()
        });
        const body = await readBody(response.body, req.maxBodyBytes ?? 5 * 1024 * 1024);
        return {
            status: response.statusCode,
            headers: flattenHeaders(response.headers),
            body,
            durationMs: performance.now() - started
        };
    }
    catch (error) {
        if (signal?.aborted && timeoutMs && !req.signal?.aborted) {
            throw new Error(`no answer within ${timeoutMs} ms`, { cause: error });
        }
        throw error;
    }
}
async function readBody(body, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        const buffer = chunk;
        if (size < limit)
            chunks.push(buffer.subarray(0, limit - size));
        size += buffer.length;
    }
    return Buffer.concat(chunks).toString('utf8');
}
function flattenHeaders(headers) {
    const flat = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined)
            flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return flat;
}
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
function isRetryableStatus(status) {
    return RETRYABLE_STATUS.has(status);
}
/**
 * Sends a request and expects a 2xx answer, retrying network errors and retryable statuses.
 * `what` names the call in errors ("Slack webhook", "GitHub API") without exposing the URL.
 */
async function httpRequestWithRetry(req, what, options = {}) {
    return (0,retry/* retry */.L5)(async (signal) => {
        const response = await httpRequest({ ...req, signal });
        if (response.status >= 200 && response.status < 300)
            return response;
        throw new HttpStatusError(response.status, response, what);
    }, {
        attempts: 4,
        baseDelayMs: 500,
        attemptTimeoutMs: req.timeoutMs ?? 30_000,
        isRetryable: (error) => !(error instanceof HttpStatusError) || isRetryableStatus(error.status),
        ...options
    });
}

// EXTERNAL MODULE: ./packages/core/log.ts
var log = __webpack_require__(3306);
// EXTERNAL MODULE: ./packages/core/poll.ts
var poll = __webpack_require__(4219);
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
            return await httpRequestWithRetry({ url, method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), timeoutMs: this.attemptTimeoutMs, ...(signal ? { signal } : {}) }, `Azure Resource Manager (${what})`, {
                attempts: this.attempts,
                baseDelayMs: 1_000,
                sleep: this.clock.sleep,
                ...(signal ? { signal } : {}),
                onRetry: ({ attempt, delayMs, error }) => {
                    const status = error instanceof HttpStatusError ? `HTTP ${error.status}` : 'network error';
                    this.logger.info(`Azure ${what}: ${status} (attempt ${attempt}); retrying in ${Math.round(delayMs / 100) / 10} s`);
                }
            });
        }
        catch (error) {
            if (error instanceof HttpStatusError) {
                const detail = parseArmErrorBody(error.response.body);
                const retried = isRetryableStatus(error.status) ? ' after retries' : '';
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
                    const retryAfterMs = parseRetryAfter(initial.headers['retry-after']);
                    return { done: false, status: 'Accepted', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
                }
                const response = await this.request('GET', pollUrl, `poll ${what}`, undefined, wait.signal);
                const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
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
    return (a.subscriptionId.toLowerCase() === b.subscriptionId.toLowerCase() &&
        a.resourceGroup.toLowerCase() === b.resourceGroup.toLowerCase() &&
        a.server.toLowerCase() === b.server.toLowerCase());
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
