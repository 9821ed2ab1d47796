export const id = 372;
export const ids = [372];
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

/***/ 372:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EmailNotifier: () => (/* binding */ EmailNotifier)
});

// EXTERNAL MODULE: ./packages/providers/notifier/delivery-retry.ts
var delivery_retry = __webpack_require__(8667);
// EXTERNAL MODULE: ./packages/providers/notifier/types.ts
var types = __webpack_require__(8715);
// EXTERNAL MODULE: ./packages/providers/notifier/notification-content.ts
var notification_content = __webpack_require__(7191);
;// CONCATENATED MODULE: ./packages/providers/notifier/email/email-body.ts

function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
function buildEmail(context, message, subject) {
    const facts = (0,notification_content/* deploymentFacts */.PX)(context);
    const links = (0,notification_content/* deploymentLinks */.F9)(context);
    const width = Math.max(...facts.map((f) => f.label.length));
    const text = [
        message.title,
        '',
        message.text,
        '',
        ...facts.map((f) => `${`${f.label}:`.padEnd(width + 2)}${f.value}${f.url && f.url !== f.value ? ` <${f.url}>` : ''}`),
        '',
        ...links.map((l) => `${l.label}: ${l.url}`),
        '',
        `— ${context.repository}`
    ].join('\n');
    const colour = (0,notification_content/* statusStyle */.qi)(context.status).hex;
    const rows = facts
        .map((f) => `<tr><th align="left" style="padding:4px 12px 4px 0;color:#555">${escapeHtml(f.label)}</th><td style="padding:4px 0">${f.url ? `<a href="${escapeHtml(f.url)}">${escapeHtml(f.value)}</a>` : escapeHtml(f.value)}</td></tr>`)
        .join('');
    const buttons = links
        .map((l) => `<a href="${escapeHtml(l.url)}" style="display:inline-block;margin-right:8px;padding:6px 12px;border:1px solid ${colour};border-radius:4px;color:${colour};text-decoration:none">${escapeHtml(l.label)}</a>`)
        .join('');
    const html = [
        '<!doctype html><html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px">',
        `<div style="border-left:4px solid ${colour};padding-left:12px">`,
        `<h2 style="margin:0 0 8px">${escapeHtml(message.title)}</h2>`,
        `<p style="white-space:pre-wrap">${escapeHtml(message.text)}</p>`,
        `<table cellspacing="0" cellpadding="0">${rows}</table>`,
        `<p>${buttons}</p>`,
        `<p style="color:#888;font-size:12px">${escapeHtml(context.repository)}</p>`,
        '</div></body></html>'
    ].join('\n');
    return { subject: subject ?? message.title, text, html };
}
/** Whether a nodemailer error is worth another attempt: connection trouble or a 4xx SMTP reply. */
function isRetryableSmtpError(error) {
    const e = error;
    if (e?.responseCode !== undefined)
        return e.responseCode >= 400 && e.responseCode < 500;
    return ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED'].includes(e?.code ?? '');
}

// EXTERNAL MODULE: ./packages/core/error-message.ts
var error_message = __webpack_require__(3728);
;// CONCATENATED MODULE: ./packages/providers/notifier/email/email-notifier.ts




/**
 * Email through nodemailer over SMTP. `security`: `tls` connects with TLS from the start (port
 * 465), `starttls` requires the STARTTLS upgrade before anything is sent (port 587), `none` sends
 * in the clear (a relay on localhost). The server's certificate is verified against Node's CA
 * store (extend it with NODE_EXTRA_CA_CERTS for a private CA).
 */
class EmailNotifier {
    config;
    deps;
    channel = 'email';
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
    }
    async send({ context, message }) {
        const { default: nodemailer } = await __webpack_require__.e(/* import() */ 739).then(__webpack_require__.bind(__webpack_require__, 6739));
        const c = this.config;
        const transport = nodemailer.createTransport({
            host: c.host,
            port: c.port,
            secure: c.security === 'tls',
            requireTLS: c.security === 'starttls',
            ignoreTLS: c.security === 'none',
            auth: c.username ? { user: c.username, pass: c.password ?? '' } : undefined,
            connectionTimeout: this.deps.policy.timeoutMs,
            greetingTimeout: this.deps.policy.timeoutMs,
            socketTimeout: this.deps.policy.timeoutMs
        });
        const email = buildEmail(context, message, c.subject);
        try {
            const info = await (0,delivery_retry/* callWithPolicy */.Z7)('SMTP', this.deps, () => transport.sendMail({ from: c.from, to: c.to, subject: email.subject, text: email.text, html: email.html }), (error) => ({ message: `SMTP server ${c.host}:${c.port}: ${(0,error_message/* errorMessage */.g)(error)}`, retryable: isRetryableSmtpError(error) }));
            const rejected = (info.rejected ?? []).length;
            if (rejected > 0)
                throw new types/* DeliveryError */.V(`the SMTP server refused ${rejected} of ${c.to.length} recipients`, { 'email-message-id': info.messageId });
            return { detail: `sent to ${c.to.length} recipient${c.to.length === 1 ? '' : 's'} (${info.messageId})`, outputs: { 'email-message-id': info.messageId } };
        }
        finally {
            transport.close();
        }
    }
}


/***/ })

};
