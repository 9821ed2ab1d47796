export const id = 619;
export const ids = [619];
export const modules = {

/***/ 8667:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B2: () => (/* binding */ postJson),
/* harmony export */   Z7: () => (/* binding */ callWithPolicy)
/* harmony export */ });
/* unused harmony export describeError */
/* harmony import */ var _core_http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5770);
/* harmony import */ var _core_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6606);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8715);
/* harmony import */ var _core_error_message_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3728);




/**
 * The notifiers' one retry policy: attempts, backoff and per-attempt timeout from the action's
 * inputs, a progress line before each wait (naming the channel, never its URL), and 429 /
 * Retry-After honoured through packages/core/retry.ts.
 */
function retryOptions(what, deps) {
    return {
        attempts: deps.policy.attempts,
        baseDelayMs: deps.policy.baseDelayMs,
        attemptTimeoutMs: deps.policy.timeoutMs,
        sleep: deps.sleep,
        onRetry: ({ attempt, delayMs, error }) => {
            const reason = describeError(error);
            deps.logger.info(`${reason.startsWith(what) ? reason : `${what}: ${reason}`}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${deps.policy.attempts})`);
        }
    };
}
/** A short reason for logs and errors; never includes a URL (undici errors name host:port at most). */
function describeError(error) {
    if (error instanceof _core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpStatusError */ .F9)
        return `HTTP ${error.status}${error.retryAfterMs !== undefined ? ` (Retry-After ${Math.round(error.retryAfterMs / 1000)} s)` : ''}`;
    const cause = error?.cause;
    const message = (0,_core_error_message_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(error);
    return cause?.code ? `${message} (${cause.code})` : message;
}
/** POSTs a JSON text to a webhook with the policy; failures become a DeliveryError naming `what`. */
async function postJson(url, json, what, deps, headers = {}) {
    try {
        return await (0,_core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .httpRequestWithRetry */ .sF)({
            url,
            method: 'POST',
            headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'deploy-actions-notify', ...headers },
            body: json,
            timeoutMs: deps.policy.timeoutMs
        }, what, retryOptions(what, deps));
    }
    catch (error) {
        throw asDeliveryError(what, error, deps.policy.attempts);
    }
}
function asDeliveryError(what, error, attempts) {
    if (error instanceof _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V)
        return error;
    if (error instanceof _core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpStatusError */ .F9) {
        return new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V((0,_core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .isRetryableStatus */ .PS)(error.status) && attempts > 1 ? `${error.message} (gave up after ${attempts} attempts)` : error.message);
    }
    return new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V(`${what} could not be reached after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${describeError(error)}`);
}
class MappedCallError extends _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V {
    retryable;
    retryAfterMs;
    constructor(failure) {
        super(failure.message);
        this.retryable = failure.retryable;
        this.retryAfterMs = failure.retryAfterMs;
    }
}
/**
 * Runs an SDK call (Slack Web API, Octokit, nodemailer) under the same policy as the HTTP
 * notifiers: `mapError` turns the SDK's error into a message and a retry decision; a timed-out
 * attempt is retried too. Throws a DeliveryError that says when it gave up after retries.
 */
async function callWithPolicy(what, deps, operation, mapError) {
    const { attempts } = deps.policy;
    try {
        return await (0,_core_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L5)(async (signal) => {
            try {
                return await operation(signal);
            }
            catch (error) {
                throw new MappedCallError(mapError(error));
            }
        }, { ...retryOptions(what, deps), isRetryable: (error) => error instanceof _core_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .AttemptTimeoutError */ .dU || (error instanceof MappedCallError && error.retryable) });
    }
    catch (error) {
        const gaveUp = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
        if (error instanceof _core_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .AttemptTimeoutError */ .dU)
            throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V(`${what} did not answer within ${error.timeoutMs} ms${gaveUp}`);
        if (error instanceof MappedCallError)
            throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V(error.retryable ? `${error.message}${gaveUp}` : error.message);
        throw asDeliveryError(what, error, attempts);
    }
}


/***/ }),

/***/ 8619:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  WebhookNotifier: () => (/* binding */ WebhookNotifier)
});

// EXTERNAL MODULE: ./packages/providers/notifier/delivery-retry.ts
var delivery_retry = __webpack_require__(8667);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./packages/providers/notifier/notification-content.ts
var notification_content = __webpack_require__(7191);
;// CONCATENATED MODULE: ./packages/providers/notifier/webhook/webhook-payload.ts


/**
 * Pure builder of the generic webhook's JSON body and its signature.
 *
 * With a secret the request carries
 *   X-Deploy-Timestamp: <unix seconds>
 *   X-Deploy-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 * A receiver recomputes the HMAC over the raw body it got, compares in constant time, and
 * rejects a timestamp older than its tolerance (5 minutes is usual) so a captured request cannot
 * be replayed later. `verifyWebhookSignature` below is that check.
 */
const WEBHOOK_SCHEMA_VERSION = 1;
function buildWebhookBody(context, message, now) {
    return {
        schema: WEBHOOK_SCHEMA_VERSION,
        event: 'deployment',
        status: context.status,
        status_label: (0,notification_content/* statusStyle */.qi)(context.status).label,
        title: message.title,
        text: message.text,
        environment: context.environment,
        service: context.service ?? null,
        environment_url: context.environmentUrl ?? null,
        version: context.version ?? null,
        actor: context.actor,
        repository: context.repository,
        sha: context.sha,
        ref: context.ref ?? null,
        run_url: context.runUrl,
        workflow: context.workflow ?? null,
        run_id: context.runId ?? null,
        run_number: context.runNumber ?? null,
        duration_ms: context.durationMs ?? null,
        outputs: context.outputs,
        sent_at: now.toISOString()
    };
}
function webhookSignature(secret, timestamp, rawBody) {
    return `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
function signatureHeaders(secret, timestamp, rawBody) {
    return { 'x-deploy-timestamp': String(timestamp), 'x-deploy-signature': webhookSignature(secret, timestamp, rawBody) };
}
/** The receiver's check: signature matches and the timestamp is within `toleranceSeconds` of now. */
function verifyWebhookSignature(secret, headers, rawBody, nowSeconds, toleranceSeconds = 300) {
    const timestamp = Number(headers.timestamp);
    if (!headers.timestamp || !Number.isInteger(timestamp))
        return { ok: false, reason: 'missing or malformed X-Deploy-Timestamp' };
    if (Math.abs(nowSeconds - timestamp) > toleranceSeconds)
        return { ok: false, reason: 'timestamp outside the tolerance (possible replay)' };
    const expected = Buffer.from(webhookSignature(secret, timestamp, rawBody));
    const given = Buffer.from(headers.signature ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, reason: 'signature does not match' };
    return { ok: true };
}

;// CONCATENATED MODULE: ./packages/providers/notifier/webhook/webhook-notifier.ts


/**
 * Generic webhook: the deployment as JSON, signed when a secret is given. Each attempt of a
 * retry carries the same body and signature (the timestamp is the first attempt's), so a
 * receiver that de-duplicates on the signature sees one delivery.
 */
class WebhookNotifier {
    config;
    deps;
    channel = 'webhook';
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
    }
    async send({ context, message }) {
        const now = new Date();
        const raw = JSON.stringify(buildWebhookBody(context, message, now));
        const headers = this.config.secret ? signatureHeaders(this.config.secret, Math.floor(now.getTime() / 1000), raw) : {};
        const response = await (0,delivery_retry/* postJson */.B2)(this.config.url, raw, 'webhook', this.deps, headers);
        return { detail: `${this.config.secret ? 'signed body' : 'body'} accepted (HTTP ${response.status})`, outputs: {} };
    }
}


/***/ })

};
