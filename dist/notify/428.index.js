export const id = 428;
export const ids = [428];
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

/***/ 2428:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SlackNotifier: () => (/* binding */ SlackNotifier)
/* harmony export */ });
/* harmony import */ var _delivery_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8667);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8715);
/* harmony import */ var _slack_message_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6511);



/**
 * Slack: an incoming webhook (plain HTTPS POST through packages/core/http.ts), or a bot token
 * through Slack's own @slack/web-api. The SDK's retries are switched off (`retries: 0`,
 * `rejectRateLimitedCalls: true`) so the suite's one policy applies: our retry() waits what
 * Retry-After says on 429 and backs off on 5xx and network errors.
 */
class SlackNotifier {
    config;
    deps;
    channel = 'slack';
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
    }
    async send({ context, message }) {
        const payload = this.config.payload ?? { ...(0,_slack_message_js__WEBPACK_IMPORTED_MODULE_2__/* .validSlackMessage */ .KN)((0,_slack_message_js__WEBPACK_IMPORTED_MODULE_2__/* .buildSlackMessage */ .yY)(context, message)) };
        const own = this.config.payload ? ' (own payload)' : '';
        if (this.config.webhookUrl) {
            await (0,_delivery_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .postJson */ .B2)(this.config.webhookUrl, JSON.stringify(payload), 'Slack webhook', this.deps);
            return { detail: `posted through the incoming webhook${own}`, outputs: {} };
        }
        const delivery = await this.sendWithToken(payload);
        return { ...delivery, detail: `${delivery.detail}${own}` };
    }
    async sendWithToken(payload) {
        const { token, slackChannel, ts, threadTs, apiUrl } = this.config;
        if (!token || !slackChannel)
            throw new _types_js__WEBPACK_IMPORTED_MODULE_1__/* .DeliveryError */ .V('Slack needs slack-channel with slack-token');
        const { WebClient } = await __webpack_require__.e(/* import() */ 105).then(__webpack_require__.t.bind(__webpack_require__, 5105, 23));
        const client = new WebClient(token, {
            slackApiUrl: apiUrl,
            retryConfig: { retries: 0 },
            rejectRateLimitedCalls: true,
            timeout: this.deps.policy.timeoutMs,
            logger: slackLogger(this.deps.logger),
            allowAbsoluteUrls: false
        });
        const method = ts ? 'chat.update' : 'chat.postMessage';
        // A team's payload may carry more arguments (username, icon_emoji, metadata…); ours win on
        // where the message goes.
        const call = () => ts
            ? client.chat.update({ ...payload, channel: slackChannel, ts })
            : client.chat.postMessage({ unfurl_links: false, unfurl_media: false, ...payload, channel: slackChannel, ...(threadTs ? { thread_ts: threadTs } : {}) });
        const result = await (0,_delivery_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .callWithPolicy */ .Z7)(`Slack ${method}`, this.deps, call, (error) => (0,_slack_message_js__WEBPACK_IMPORTED_MODULE_2__/* .mapSlackApiError */ .Tt)(error, method));
        const channel = result.channel ?? slackChannel;
        const messageTs = result.ts ?? ts ?? '';
        return {
            detail: ts ? `updated message ${messageTs} in ${channel}` : `posted message ${messageTs} to ${channel}${threadTs ? ` in thread ${threadTs}` : ''}`,
            outputs: { 'slack-ts': messageTs, 'slack-channel': channel, 'thread-ts': threadTs ?? messageTs, 'channel-id': channel }
        };
    }
}
/** Routes the SDK's warnings and errors to our debug log (it redacts the token itself). */
function slackLogger(logger) {
    let level = 'warn';
    const line = (parts) => `slack: ${parts.map(String).join(' ')}`;
    return {
        // The SDK's debug and info lines print whole request bodies: too much for a step log.
        debug: () => undefined,
        info: () => undefined,
        warn: (...m) => logger.debug(line(m)),
        error: (...m) => logger.debug(line(m)),
        setLevel: (l) => void (level = String(l)),
        getLevel: () => level,
        setName: () => undefined
    };
}


/***/ })

};
