export const id = 355;
export const ids = [355];
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

/***/ 1355:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TeamsNotifier: () => (/* binding */ TeamsNotifier)
});

// EXTERNAL MODULE: ./packages/providers/notifier/delivery-retry.ts
var delivery_retry = __webpack_require__(8667);
// EXTERNAL MODULE: ./packages/providers/notifier/notification-content.ts
var notification_content = __webpack_require__(7191);
;// CONCATENATED MODULE: ./packages/providers/notifier/teams/adaptive-card.ts

/**
 * Pure builder of the body a Teams Workflows webhook ("When a Teams webhook request is
 * received", then "Post card in a chat or channel") expects: a `message` whose first attachment
 * is an Adaptive Card. Version 1.4, the highest every Teams client renders for Workflows cards;
 * `msteams.width: Full` for a full-width card. The status colour is the header container's style
 * (good / attention / warning / accent); facts are a FactSet whose values may hold Markdown
 * links; the run and the environment are Action.OpenUrl buttons. Teams rejects messages over
 * 28 KB, so the size is checked here.
 */
const ADAPTIVE_CARD_VERSION = '1.4';
const TEAMS_MAX_BYTES = 28 * 1024;
/** Markdown link text as Teams renders it in TextBlock and FactSet values. */
function markdownLink(label, url) {
    return `[${label.replace(/[[\]]/g, '')}](${url.replace(/\)/g, '%29')})`;
}
function buildAdaptiveCard(context, message) {
    const style = (0,notification_content/* statusStyle */.qi)(context.status);
    return {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: ADAPTIVE_CARD_VERSION,
        msteams: { width: 'Full' },
        body: [
            {
                type: 'Container',
                style: style.adaptiveStyle,
                bleed: true,
                items: [
                    { type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
                    { type: 'TextBlock', text: `${context.repository} · ${style.label}`, isSubtle: true, spacing: 'None', wrap: true }
                ]
            },
            { type: 'TextBlock', text: message.text, wrap: true },
            {
                type: 'FactSet',
                facts: (0,notification_content/* deploymentFacts */.PX)(context).map((fact) => ({ title: fact.label, value: fact.url ? markdownLink(fact.value, fact.url) : fact.value }))
            }
        ],
        actions: (0,notification_content/* deploymentLinks */.F9)(context).map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url }))
    };
}
function buildTeamsMessage(context, message) {
    const body = {
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: buildAdaptiveCard(context, message) }]
    };
    const size = Buffer.byteLength(JSON.stringify(body));
    if (size > TEAMS_MAX_BYTES)
        throw new Error(`the Teams card is ${size} bytes, over the 28 KB Teams accepts; shorten the message`);
    return body;
}

;// CONCATENATED MODULE: ./packages/providers/notifier/teams/teams-notifier.ts


/** Teams Workflows webhook: one POST of the card; the flow answers 202 Accepted. */
class TeamsNotifier {
    config;
    deps;
    channel = 'teams';
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
    }
    async send({ context, message }) {
        const response = await (0,delivery_retry/* postJson */.B2)(this.config.webhookUrl, JSON.stringify(buildTeamsMessage(context, message)), 'Teams webhook', this.deps);
        return { detail: `card accepted by the Workflows webhook (HTTP ${response.status})`, outputs: {} };
    }
}


/***/ })

};
