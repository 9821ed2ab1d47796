export const id = 614;
export const ids = [614];
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

/***/ 3614:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DiscordNotifier: () => (/* binding */ DiscordNotifier)
});

// EXTERNAL MODULE: ./packages/providers/notifier/delivery-retry.ts
var delivery_retry = __webpack_require__(8667);
// EXTERNAL MODULE: ./packages/providers/notifier/notification-content.ts
var notification_content = __webpack_require__(7191);
;// CONCATENATED MODULE: ./packages/providers/notifier/discord/discord-embed.ts

/**
 * Pure builder of a Discord "Execute Webhook" body with one embed, within Discord's documented
 * limits: title ≤ 256, description ≤ 4096, ≤ 25 fields (name ≤ 256, value ≤ 1024), footer ≤ 2048,
 * the characters of all embed texts together ≤ 6000, content ≤ 2000. Mentions are disabled
 * (`allowed_mentions.parse: []`) so a template cannot ping @everyone.
 */
const DISCORD_LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, embedTotal: 6000, content: 2000 };
function buildDiscordBody(context, message, now) {
    const embed = {
        title: (0,notification_content/* truncate */.xv)(message.title, DISCORD_LIMITS.title),
        description: (0,notification_content/* truncate */.xv)(message.text, DISCORD_LIMITS.description),
        url: context.runUrl,
        color: (0,notification_content/* colorInt */.Lj)((0,notification_content/* statusStyle */.qi)(context.status).hex),
        fields: [
            ...(0,notification_content/* deploymentFacts */.PX)(context).map((fact) => ({
                name: fact.label,
                value: (0,notification_content/* truncate */.xv)(fact.url ? `[${fact.value}](${fact.url})` : fact.value, DISCORD_LIMITS.fieldValue),
                inline: true
            })),
            { name: 'Run', value: `[${context.workflow ?? 'workflow'}${context.runNumber ? ` #${context.runNumber}` : ''}](${context.runUrl})`, inline: true }
        ].slice(0, DISCORD_LIMITS.fields),
        footer: { text: (0,notification_content/* truncate */.xv)(context.repository, DISCORD_LIMITS.footer) },
        timestamp: now.toISOString()
    };
    const body = { username: `${(0,notification_content/* repositoryName */.aR)(context.repository)} deploys`, embeds: [embed], allowed_mentions: { parse: [] } };
    const total = embedCharacters(embed);
    if (total > DISCORD_LIMITS.embedTotal) {
        embed.description = (0,notification_content/* truncate */.xv)(embed.description, Math.max(0, embed.description.length - (total - DISCORD_LIMITS.embedTotal)));
    }
    return body;
}
/** What Discord counts towards the 6000-character limit of an embed. */
function embedCharacters(embed) {
    return embed.title.length + embed.description.length + embed.footer.text.length + embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
}
/** The webhook URL with `wait=true`, so Discord answers with the created message (and its id). */
function withWait(url) {
    const parsed = new URL(url);
    parsed.searchParams.set('wait', 'true');
    return parsed.toString();
}

;// CONCATENATED MODULE: ./packages/providers/notifier/discord/discord-notifier.ts


/** Discord webhook: POST with `?wait=true`; Discord answers 200 with the message object. */
class DiscordNotifier {
    config;
    deps;
    channel = 'discord';
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
    }
    async send({ context, message }) {
        const response = await (0,delivery_retry/* postJson */.B2)(withWait(this.config.webhookUrl), JSON.stringify(buildDiscordBody(context, message, new Date())), 'Discord webhook', this.deps);
        const id = messageId(response.body);
        return { detail: id ? `posted message ${id}` : `posted (HTTP ${response.status})`, outputs: id ? { 'discord-message-id': id } : {} };
    }
}
function messageId(body) {
    try {
        const parsed = JSON.parse(body);
        return typeof parsed.id === 'string' ? parsed.id : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ })

};
