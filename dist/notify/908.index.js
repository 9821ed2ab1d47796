export const id = 908;
export const ids = [908];
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
        return await (0,_core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .httpRequestWithRetry */ .sF)({ url, method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'deploy-actions-notify', ...headers }, body: json, timeoutMs: deps.policy.timeoutMs }, what, retryOptions(what, deps));
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

/***/ 8908:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SlackNotifier: () => (/* binding */ SlackNotifier)
});

// EXTERNAL MODULE: ./packages/providers/notifier/delivery-retry.ts
var delivery_retry = __webpack_require__(8667);
// EXTERNAL MODULE: ./packages/providers/notifier/types.ts
var types = __webpack_require__(8715);
// EXTERNAL MODULE: ./packages/providers/notifier/notification-content.ts
var notification_content = __webpack_require__(7191);
;// CONCATENATED MODULE: ./packages/providers/notifier/slack/slack-message.ts

/**
 * Pure Block Kit builder for a deployment message, and a validator for the limits Slack
 * documents (a message over them is rejected with `invalid_blocks`, so we check before sending):
 * at most 50 blocks, header plain_text ≤ 150 characters, section text ≤ 3000, at most 10 section
 * fields of ≤ 2000, at most 25 elements in an actions block (button text ≤ 75, URL ≤ 3000), at
 * most 10 context elements, block_id ≤ 255.
 *
 * Layout: top-level `text` (the fallback shown in notifications), `blocks` with a header (emoji +
 * title) and the message, and one attachment whose `color` is the status colour holding the
 * facts (environment, version, actor, commit linked, duration), the buttons (run, environment)
 * and a context line.
 */
const SLACK_LIMITS = {
    blocks: 50,
    headerText: 150,
    sectionText: 3000,
    sectionFields: 10,
    fieldText: 2000,
    actionsElements: 25,
    buttonText: 75,
    buttonUrl: 3000,
    contextElements: 10,
    blockId: 255,
    fallbackText: 40_000
};
/** Escapes the three characters Slack's mrkdwn treats as control characters. */
function escapeMrkdwn(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function slack_message_link(url, label) {
    return `<${url}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}
function buildSlackMessage(context, message) {
    const style = (0,notification_content/* statusStyle */.qi)(context.status);
    // The title begins with the status's Unicode emoji; Slack's own shortcode renders the same.
    const headerTitle = `${style.slackEmoji} ${(0,notification_content/* titleWithoutEmoji */.dD)(message.title)}`;
    const header = { type: 'header', text: { type: 'plain_text', text: (0,notification_content/* truncate */.xv)(headerTitle, SLACK_LIMITS.headerText), emoji: true } };
    const body = { type: 'section', text: { type: 'mrkdwn', text: (0,notification_content/* truncate */.xv)(message.text, SLACK_LIMITS.sectionText) } };
    const fields = {
        type: 'section',
        fields: (0,notification_content/* deploymentFacts */.PX)(context)
            .slice(0, SLACK_LIMITS.sectionFields)
            .map((fact) => ({ type: 'mrkdwn', text: (0,notification_content/* truncate */.xv)(`*${fact.label}*\n${fact.url ? slack_message_link(fact.url, fact.value) : escapeMrkdwn(fact.value)}`, SLACK_LIMITS.fieldText) }))
    };
    const actions = {
        type: 'actions',
        elements: (0,notification_content/* deploymentLinks */.F9)(context).map((l, index) => ({
            type: 'button',
            action_id: `deploy-actions-link-${index}`,
            text: { type: 'plain_text', text: (0,notification_content/* truncate */.xv)(l.label, SLACK_LIMITS.buttonText), emoji: true },
            url: l.url
        }))
    };
    const contextLine = {
        type: 'context',
        elements: [
            {
                type: 'mrkdwn',
                text: escapeMrkdwn([context.repository, context.workflow && `${context.workflow}${context.runNumber ? ` #${context.runNumber}` : ''}`, context.ref].filter(Boolean).join(' · '))
            }
        ]
    };
    return {
        text: (0,notification_content/* truncate */.xv)(message.title, SLACK_LIMITS.fallbackText),
        blocks: [header, body],
        attachments: [{ color: style.hex, fallback: message.title, blocks: [fields, actions, contextLine] }]
    };
}
/** Problems against Slack's documented limits; empty when the message may be sent. */
function slackMessageProblems(message) {
    const problems = [];
    const groups = [['blocks', message.blocks], ...message.attachments.map((a, i) => [`attachments[${i}].blocks`, (a.blocks ?? [])])];
    for (const [where, blocks] of groups) {
        if (blocks.length > SLACK_LIMITS.blocks)
            problems.push(`${where} has ${blocks.length} blocks (at most ${SLACK_LIMITS.blocks})`);
        blocks.forEach((block, i) => problems.push(...blockProblems(block, `${where}[${i}]`)));
    }
    if (message.text.length > SLACK_LIMITS.fallbackText)
        problems.push(`text has ${message.text.length} characters (at most ${SLACK_LIMITS.fallbackText})`);
    return problems;
}
function blockProblems(block, where) {
    const problems = [];
    const over = (what, length, max) => {
        if (length > max)
            problems.push(`${where}.${what} has ${length} characters (at most ${max})`);
    };
    if (block.block_id !== undefined)
        over('block_id', block.block_id.length, SLACK_LIMITS.blockId);
    switch (block.type) {
        case 'header':
            if (block.text.type !== 'plain_text')
                problems.push(`${where}.text must be plain_text`);
            over('text', block.text.text.length, SLACK_LIMITS.headerText);
            break;
        case 'section':
            if (!block.text && !block.fields)
                problems.push(`${where} needs text or fields`);
            if (block.text)
                over('text', block.text.text.length, SLACK_LIMITS.sectionText);
            if (block.fields) {
                if (block.fields.length > SLACK_LIMITS.sectionFields)
                    problems.push(`${where}.fields has ${block.fields.length} fields (at most ${SLACK_LIMITS.sectionFields})`);
                block.fields.forEach((field, i) => over(`fields[${i}]`, field.text.length, SLACK_LIMITS.fieldText));
            }
            break;
        case 'actions':
            if (block.elements.length > SLACK_LIMITS.actionsElements)
                problems.push(`${where}.elements has ${block.elements.length} elements (at most ${SLACK_LIMITS.actionsElements})`);
            block.elements.forEach((element, i) => {
                if (element.type !== 'button')
                    return;
                over(`elements[${i}].text`, element.text.text.length, SLACK_LIMITS.buttonText);
                if (element.url !== undefined)
                    over(`elements[${i}].url`, element.url.length, SLACK_LIMITS.buttonUrl);
            });
            break;
        case 'context':
            if (block.elements.length > SLACK_LIMITS.contextElements)
                problems.push(`${where}.elements has ${block.elements.length} elements (at most ${SLACK_LIMITS.contextElements})`);
            break;
        default:
            break;
    }
    return problems;
}
/** The message, or an error listing what breaks Slack's limits. */
function validSlackMessage(message) {
    const problems = slackMessageProblems(message);
    if (problems.length > 0)
        throw new Error(`the Slack message breaks Block Kit limits: ${problems.join('; ')}`);
    return message;
}
const RETRYABLE_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
/**
 * Maps an error thrown by @slack/web-api (recognised by its documented `code`, so this file
 * needs no SDK import) to a message naming the method, never the token.
 */
function mapSlackApiError(error, method) {
    const e = error;
    switch (e?.code) {
        case 'slack_webapi_rate_limited_error':
            return { message: `Slack ${method} was rate limited (Retry-After ${e.retryAfter} s)`, retryable: true, retryAfterMs: (e.retryAfter ?? 1) * 1000 };
        case 'slack_webapi_platform_error': {
            const code = e.data?.error ?? 'unknown_error';
            return { message: `Slack ${method} answered error "${code}"${hint(code)}`, retryable: RETRYABLE_PLATFORM_ERRORS.has(code) };
        }
        case 'slack_webapi_http_error':
            return { message: `Slack ${method} answered HTTP ${e.statusCode}`, retryable: (e.statusCode ?? 0) >= 500 || e.statusCode === 408 };
        case 'slack_webapi_request_error': {
            const cause = e.original?.cause?.code;
            return { message: `Slack ${method} could not be reached: ${e.original?.message ?? 'request failed'}${cause ? ` (${cause})` : ''}`, retryable: true };
        }
        default:
            return { message: `Slack ${method} failed: ${e?.message ?? String(error)}`, retryable: false };
    }
}
function hint(code) {
    switch (code) {
        case 'channel_not_found':
            return ' — check slack-channel (a channel ID such as C0123ABCD) and that the bot is a member';
        case 'not_in_channel':
            return ' — invite the bot to the channel';
        case 'invalid_auth':
        case 'not_authed':
        case 'token_revoked':
            return ' — check slack-token';
        case 'message_not_found':
        case 'cant_update_message':
            return ' — slack-ts must be the ts of a message this bot posted in slack-channel';
        case 'missing_scope':
            return ' — the bot needs the chat:write scope';
        case 'invalid_blocks':
            return ' — the message was rejected by Block Kit validation';
        default:
            return '';
    }
}

;// CONCATENATED MODULE: ./packages/providers/notifier/slack/slack-notifier.ts



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
        const payload = validSlackMessage(buildSlackMessage(context, message));
        if (this.config.webhookUrl) {
            await (0,delivery_retry/* postJson */.B2)(this.config.webhookUrl, JSON.stringify(payload), 'Slack webhook', this.deps);
            return { detail: 'posted through the incoming webhook', outputs: {} };
        }
        return this.sendWithToken(payload);
    }
    async sendWithToken(payload) {
        const { token, slackChannel, ts, threadTs, apiUrl } = this.config;
        if (!token || !slackChannel)
            throw new types/* DeliveryError */.V('Slack needs slack-channel with slack-token');
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
        const call = () => ts
            ? client.chat.update({ channel: slackChannel, ts, text: payload.text, blocks: payload.blocks, attachments: payload.attachments })
            : client.chat.postMessage({
                channel: slackChannel,
                text: payload.text,
                blocks: payload.blocks,
                attachments: payload.attachments,
                unfurl_links: false,
                unfurl_media: false,
                ...(threadTs ? { thread_ts: threadTs } : {})
            });
        const result = await (0,delivery_retry/* callWithPolicy */.Z7)(`Slack ${method}`, this.deps, call, (error) => mapSlackApiError(error, method));
        const channel = result.channel ?? slackChannel;
        const messageTs = result.ts ?? ts ?? '';
        return {
            detail: ts ? `updated message ${messageTs} in ${channel}` : `posted message ${messageTs} to ${channel}${threadTs ? ` in thread ${threadTs}` : ''}`,
            outputs: { 'slack-ts': messageTs, 'slack-channel': channel }
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
