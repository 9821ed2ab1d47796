export const id = 507;
export const ids = [507];
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

/***/ 9507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openSqlite: () => (/* binding */ openSqlite)
/* harmony export */ });
/* harmony import */ var _packages_core_markdown_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9031);
/* harmony import */ var _packages_core_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6606);
/* harmony import */ var _source_position_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7350);
/* harmony import */ var _transaction_mode_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7909);
/* harmony import */ var _history_table_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8662);
/* harmony import */ var _migration_database_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1033);






/**
 * SQLite through Node's built-in node:sqlite (no native addon to bundle). SQLite has one writer
 * at a time: each migration runs in BEGIN IMMEDIATE (waiting up to lock-timeout for the write
 * lock) and re-checks the history table inside it, so concurrent runs apply each migration once.
 * Statements run one by one inside the transaction so a failure names its statement's line.
 */
const BUSY_MS = 200;
const busyTimeout = (ms) => Math.max(0, Math.min(2_147_483_647, Math.round(ms)));
const PROGRESS_EVERY_MS = 5000;
const SQLITE_BUSY = 5;
async function openSqlite(url, options) {
    const { DatabaseSync } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 99, 23));
    const db = new DatabaseSync(url.path);
    // Reads and COMMIT wait inside SQLite up to lock-timeout; the write lock is waited for in
    // writeLock() in short steps, with progress output.
    db.exec(`PRAGMA busy_timeout = ${busyTimeout(options.lockTimeoutMs)}`);
    if (options.statementTimeoutMs > 0)
        options.log.warning('statement-timeout has no effect on SQLite, which has no statement timeout.');
    return new SqliteMigrationDatabase(db, options, options.lockTimeoutMs);
}
class SqliteMigrationDatabase {
    db;
    options;
    lockTimeoutMs;
    engine = 'SQLite';
    table;
    constructor(db, options, lockTimeoutMs) {
        this.db = db;
        this.options = options;
        this.lockTimeoutMs = lockTimeoutMs;
        this.table = (0,_history_table_js__WEBPACK_IMPORTED_MODULE_1__/* .quoteQualified */ .$s)(options.historyTable);
    }
    /** BEGIN IMMEDIATE, retried while another connection writes, until lock-timeout, with progress. */
    async writeLock() {
        this.db.exec(`PRAGMA busy_timeout = ${Math.min(BUSY_MS, busyTimeout(this.lockTimeoutMs))}`);
        try {
            await this.pollWriteLock();
        }
        finally {
            this.db.exec(`PRAGMA busy_timeout = ${busyTimeout(this.lockTimeoutMs)}`);
        }
    }
    async pollWriteLock() {
        const started = Date.now();
        let lastProgress = started;
        for (;;) {
            try {
                this.db.exec('BEGIN IMMEDIATE');
                return;
            }
            catch (error) {
                if (error.errcode !== SQLITE_BUSY)
                    throw error;
            }
            const waited = Date.now() - started;
            if (waited >= this.lockTimeoutMs)
                throw new Error(`another connection still holds the SQLite write lock after ${(0,_packages_core_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .formatMs */ ._V)(this.lockTimeoutMs)}; let it finish, or raise lock-timeout`);
            if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
                this.options.log.info(`Waiting for the SQLite write lock (waited ${(0,_packages_core_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .formatMs */ ._V)(waited)} of ${(0,_packages_core_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .formatMs */ ._V)(this.lockTimeoutMs)}).`);
                lastProgress = Date.now();
            }
            await (0,_packages_core_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .defaultSleep */ .JG)(50);
        }
    }
    tableExists() {
        const name = this.options.historyTable.split('.').at(-1);
        return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    }
    readHistory() {
        if (!this.tableExists())
            return Promise.resolve([]);
        const rows = this.db.prepare(`SELECT version, name, checksum, duration_ms, applied_at, applied_by FROM ${this.table}`).all();
        return Promise.resolve(rows.map((row) => ({
            version: String(row.version),
            name: row.name,
            checksum: row.checksum,
            durationMs: Number(row.duration_ms),
            appliedAt: row.applied_at,
            appliedBy: row.applied_by
        })));
    }
    async prepareHistory() {
        if (this.tableExists())
            return;
        await this.writeLock();
        this.db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (
      version TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      duration_ms INTEGER NOT NULL,
      applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      applied_by TEXT NOT NULL,
      run_url TEXT
    )`);
        this.db.exec('COMMIT');
    }
    async lock() {
        // Each migration takes SQLite's write lock (BEGIN IMMEDIATE) and waits for it through busy_timeout.
    }
    isApplied(version) {
        return this.db.prepare(`SELECT 1 FROM ${this.table} WHERE version = ?`).get(version) !== undefined;
    }
    isRecorded(version, checksum) {
        return this.db.prepare(`SELECT 1 FROM ${this.table} WHERE version = ? AND checksum = ?`).get(version, checksum) !== undefined;
    }
    async applyUp(migration, provenance) {
        const done = () => (migration.repeatable ? this.isRecorded(migration.version, migration.checksum) : this.isApplied(migration.version));
        return this.run(migration.up, done, (durationMs) => {
            if (migration.repeatable)
                this.db.prepare(`DELETE FROM ${this.table} WHERE version = ?`).run(migration.version);
            this.db
                .prepare(`INSERT INTO ${this.table} (version, name, checksum, duration_ms, applied_by, run_url) VALUES (?, ?, ?, ?, ?, ?)`)
                .run(migration.version, migration.name, migration.checksum, Math.round(durationMs), provenance.appliedBy, provenance.runUrl ?? null);
        });
    }
    async applyDown(migration) {
        return this.run(migration.down, () => !this.isApplied(migration.version), () => {
            this.db.prepare(`DELETE FROM ${this.table} WHERE version = ?`).run(migration.version);
        });
    }
    async run(script, alreadyDone, bookkeeping) {
        const transactional = script.transactional;
        if (transactional)
            await this.writeLock();
        const started = performance.now();
        try {
            if (transactional && alreadyDone()) {
                this.db.exec('ROLLBACK');
                return { status: 'already-applied', durationMs: 0 };
            }
            for (const statement of script.statements) {
                try {
                    this.db.exec(statement.sql);
                }
                catch (error) {
                    throw new _migration_database_js__WEBPACK_IMPORTED_MODULE_2__/* .MigrationSqlError */ .Z(error.message, script.file, (0,_source_position_js__WEBPACK_IMPORTED_MODULE_4__/* .positionAt */ .t)(script.source, (0,_transaction_mode_js__WEBPACK_IMPORTED_MODULE_5__/* .statementStart */ .G7)(statement)), error.errstr, transactional, undefined, undefined, undefined, script.outside);
                }
            }
            const durationMs = performance.now() - started;
            bookkeeping(durationMs);
            if (transactional)
                this.db.exec('COMMIT');
            return { status: 'applied', durationMs };
        }
        catch (error) {
            if (this.db.isTransaction)
                this.db.exec('ROLLBACK');
            throw error;
        }
    }
    close() {
        if (this.db.isOpen)
            this.db.close();
        return Promise.resolve();
    }
    abort() {
        if (this.db.isOpen) {
            if (this.db.isTransaction)
                this.db.exec('ROLLBACK');
            this.db.close();
        }
        return Promise.resolve();
    }
}


/***/ })

};
