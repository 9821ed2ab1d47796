export const id = 92;
export const ids = [92];
export const modules = {

/***/ 8662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $s: () => (/* binding */ quoteQualified),
/* harmony export */   Ut: () => (/* binding */ advisoryLockKey),
/* harmony export */   VI: () => (/* binding */ advisoryLockParts)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/** Names and keys derived from the history table's name. Pure. */
/** Quotes a possibly schema-qualified identifier: app.history → "app"."history". */
function quoteQualified(name) {
    return name
        .split('.')
        .map((part) => `"${part.replace(/"/g, '""')}"`)
        .join('.');
}
/**
 * The PostgreSQL advisory lock key for a history table: the first 8 bytes of a sha256, as a
 * signed 64-bit integer (what pg_try_advisory_lock(bigint) takes). Runs that share a history
 * table share the lock; advisory locks are per database already.
 */
function advisoryLockKey(historyTable) {
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`deploy-actions:migrate:${historyTable}`).digest();
    return digest.readBigInt64BE(0);
}
/** pg_locks shows a bigint advisory key as classid (high 32 bits) and objid (low 32 bits). */
function advisoryLockParts(key) {
    const unsigned = BigInt.asUintN(64, key);
    return { classid: Number(unsigned >> 32n), objid: Number(unsigned & 0xffffffffn) };
}


/***/ }),

/***/ 8092:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openPostgres: () => (/* binding */ openPostgres)
/* harmony export */ });
/* harmony import */ var _packages_core_markdown_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9031);
/* harmony import */ var _packages_core_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6606);
/* harmony import */ var _packages_db_database_url_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4220);
/* harmony import */ var _source_position_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7350);
/* harmony import */ var _transaction_mode_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7909);
/* harmony import */ var _history_table_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8662);
/* harmony import */ var _migration_database_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1033);







/**
 * PostgreSQL through `pg` (node-postgres, pure JavaScript). One session for the whole run: the
 * advisory lock is session-level, so it also ends with the connection if the process dies.
 * A transactional file runs statement by statement between BEGIN and COMMIT, so an error is
 * placed in its statement even when the server gives no position.
 */
const POLL_MS = 250;
const PROGRESS_EVERY_MS = 5000;
async function openPostgres(url, options) {
    const { default: pg } = await __webpack_require__.e(/* import() */ 849).then(__webpack_require__.bind(__webpack_require__, 3849));
    const client = new pg.Client({
        connectionString: url.raw,
        application_name: 'deploy-actions migrate',
        connectionTimeoutMillis: 30_000
    });
    // A dropped connection emits 'error' on the client; without a listener it would crash the process.
    client.on('error', (error) => options.log.debug(`PostgreSQL connection error: ${error.message}`));
    await client.connect().catch((error) => {
        throw new Error(`cannot connect to ${(0,_packages_db_database_url_js__WEBPACK_IMPORTED_MODULE_1__/* .describeDatabase */ .DZ)(url)}: ${error instanceof Error ? error.message : String(error)}`);
    });
    await client.query(`SET statement_timeout = ${Math.round(options.statementTimeoutMs)}`);
    // PostgreSQL 14+: notice a vanished client during a long statement instead of at its end.
    await client.query("SET client_connection_check_interval = '1s'").catch(() => undefined);
    const terminate = async (pid) => {
        const other = new pg.Client({ connectionString: url.raw, connectionTimeoutMillis: 3000, application_name: 'deploy-actions migrate (cancel)' });
        other.on('error', () => undefined);
        await other.connect();
        try {
            await other.query('SELECT pg_terminate_backend($1)', [pid]);
        }
        finally {
            await other.end();
        }
    };
    return new PostgresMigrationDatabase(client, options, terminate);
}
class PostgresMigrationDatabase {
    client;
    options;
    terminate;
    engine = 'PostgreSQL';
    table;
    lockKey;
    locked = false;
    constructor(client, options, terminate) {
        this.client = client;
        this.options = options;
        this.terminate = terminate;
        this.table = (0,_history_table_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteQualified */ .$s)(options.historyTable);
        this.lockKey = (0,_history_table_js__WEBPACK_IMPORTED_MODULE_2__/* .advisoryLockKey */ .Ut)(options.historyTable).toString();
    }
    async readHistory() {
        const exists = await this.client.query('SELECT to_regclass($1) AS oid', [this.table]);
        if (exists.rows[0]?.oid === null)
            return [];
        const result = await this.client.query(`SELECT version, name, checksum, duration_ms, applied_at, applied_by FROM ${this.table}`);
        return result.rows.map((row) => ({
            version: row.version,
            name: row.name,
            checksum: row.checksum,
            durationMs: row.duration_ms,
            appliedAt: row.applied_at instanceof Date ? row.applied_at.toISOString() : String(row.applied_at),
            appliedBy: row.applied_by
        }));
    }
    async prepareHistory() {
        const schema = this.options.historyTable.includes('.') ? (0,_history_table_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteQualified */ .$s)(this.options.historyTable.split('.')[0]) : undefined;
        if (schema)
            await this.client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await this.client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
        version text PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        duration_ms integer NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        applied_by text NOT NULL,
        run_url text
      )`);
    }
    async lock(timeoutMs, log) {
        const started = Date.now();
        let lastProgress = started;
        let announced = false;
        for (;;) {
            const result = await this.client.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [this.lockKey]);
            if (result.rows[0]?.locked) {
                this.locked = true;
                if (announced)
                    log.info(`Took the migration lock after ${(0,_packages_core_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .formatMs */ ._V)(Date.now() - started)}.`);
                return;
            }
            const waited = Date.now() - started;
            if (!announced || Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
                log.info(`Waiting for the migration lock: ${await this.lockHolder()} (waited ${(0,_packages_core_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .formatMs */ ._V)(waited)} of ${(0,_packages_core_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .formatMs */ ._V)(timeoutMs)}).`);
                announced = true;
                lastProgress = Date.now();
            }
            if (waited >= timeoutMs) {
                throw new Error(`another run still holds the migration lock after ${(0,_packages_core_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .formatMs */ ._V)(timeoutMs)} (${await this.lockHolder()}); let it finish, or raise lock-timeout`);
            }
            await (0,_packages_core_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .defaultSleep */ .JG)(Math.min(POLL_MS, Math.max(1, timeoutMs - waited)));
        }
    }
    async lockHolder() {
        const { classid, objid } = (0,_history_table_js__WEBPACK_IMPORTED_MODULE_2__/* .advisoryLockParts */ .VI)(BigInt(this.lockKey));
        const result = await this.client.query(`SELECT l.pid, a.application_name, EXTRACT(EPOCH FROM now() - a.xact_start)::int AS seconds
         FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 1`, [classid, objid]);
        const holder = result.rows[0];
        if (!holder)
            return 'held by a session that just ended';
        return `held by server process ${holder.pid}${holder.application_name ? ` (${holder.application_name})` : ''}`;
    }
    async unlock() {
        if (!this.locked)
            return;
        this.locked = false;
        await this.client.query('SELECT pg_advisory_unlock($1::bigint)', [this.lockKey]);
    }
    async applyUp(migration, provenance) {
        const record = async (durationMs) => {
            // A repeatable migration (Flyway R__) keeps one row, replaced each time it runs again.
            if (migration.repeatable)
                await this.client.query(`DELETE FROM ${this.table} WHERE version = $1`, [migration.version]);
            await this.client.query(`INSERT INTO ${this.table} (version, name, checksum, duration_ms, applied_by, run_url) VALUES ($1, $2, $3, $4, $5, $6)`, [
                migration.version,
                migration.name,
                migration.checksum,
                Math.round(durationMs),
                provenance.appliedBy,
                provenance.runUrl ?? null
            ]);
        };
        return this.run(migration.up, record);
    }
    async applyDown(migration) {
        const forget = async () => {
            await this.client.query(`DELETE FROM ${this.table} WHERE version = $1`, [migration.version]);
        };
        return this.run(migration.down, forget);
    }
    async run(script, bookkeeping) {
        const started = performance.now();
        let running;
        if (script.transactional) {
            await this.client.query('BEGIN');
            try {
                for (const statement of script.statements) {
                    running = statement;
                    await this.client.query(statement.sql);
                }
                running = undefined;
                const durationMs = performance.now() - started;
                await bookkeeping(durationMs);
                await this.client.query('COMMIT');
                return { status: 'applied', durationMs };
            }
            catch (error) {
                await this.client.query('ROLLBACK').catch(() => undefined);
                throw toSqlError(error, script, running, true);
            }
        }
        // Outside the runner's transaction, each statement on its own (a multi-statement query would
        // be an implicit transaction, which CREATE INDEX CONCURRENTLY refuses).
        for (const statement of script.statements) {
            try {
                await this.client.query(statement.sql);
            }
            catch (error) {
                // Ends the file's own transaction if the failure left one open and aborted.
                await this.client.query('ROLLBACK').catch(() => undefined);
                throw toSqlError(error, script, statement, false);
            }
        }
        const durationMs = performance.now() - started;
        await bookkeeping(durationMs);
        return { status: 'applied', durationMs };
    }
    async close() {
        // Never hides the error that ended the run: if the connection is already broken, the server
        // has ended the session, and with it the lock.
        await this.unlock().catch((error) => this.options.log.debug(`unlock: ${error instanceof Error ? error.message : String(error)}`));
        await this.client.end().catch(() => undefined);
    }
    async abort() {
        // Ends the socket without waiting, then has the server end the session from a second
        // connection: that rolls back the open transaction and releases the session's advisory lock
        // even while a long statement is running.
        const internals = this.client;
        const pid = internals.processID;
        internals.connection?.stream?.destroy();
        if (pid !== undefined)
            await this.terminate(pid);
    }
}
function toSqlError(error, script, statement, rolledBack) {
    const db = error;
    if (typeof db?.message !== 'string' || db.code === undefined)
        return error instanceof Error ? error : new Error(String(error));
    let position;
    if (statement) {
        // The server's position is an index into the statement sent; without one (relation already
        // exists, a failed constraint), the statement's own start is where the error belongs.
        position =
            (0,_source_position_js__WEBPACK_IMPORTED_MODULE_5__/* .positionOfDatabaseError */ .o)(script.source, db.position === undefined ? undefined : Number(db.position), statement.offset) ??
                positionInsideBody(script.source, db, statement.offset) ??
                (0,_source_position_js__WEBPACK_IMPORTED_MODULE_5__/* .positionAt */ .t)(script.source, (0,_transaction_mode_js__WEBPACK_IMPORTED_MODULE_6__/* .statementStart */ .G7)(statement));
    }
    return new _migration_database_js__WEBPACK_IMPORTED_MODULE_3__/* .MigrationSqlError */ .Z(db.message, script.file, position, db.code, rolledBack, db.detail, db.hint, db.where, script.outside);
}
/**
 * An error inside a function body or DO block has no `position`, but an `internalPosition` in an
 * `internalQuery` (the statement inside the body). When that statement appears in the file as
 * written (in the failing statement, or in a function the file created before calling it), the
 * error is mapped into the file through it.
 */
function positionInsideBody(source, db, queryOffset) {
    if (!db.internalQuery || db.internalPosition === undefined)
        return undefined;
    // Usually inside the statement itself (a DO block); else a function defined earlier in the file.
    let at = source.indexOf(db.internalQuery, queryOffset);
    if (at < 0)
        at = source.indexOf(db.internalQuery);
    if (at < 0)
        return undefined;
    return (0,_source_position_js__WEBPACK_IMPORTED_MODULE_5__/* .positionOfDatabaseError */ .o)(source, Number(db.internalPosition), at);
}


/***/ })

};
