export const id = 74;
export const ids = [74];
export const modules = {

/***/ 329:
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

/***/ 7074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openSqlite: () => (/* binding */ openSqlite)
/* harmony export */ });
/* harmony import */ var _source_position_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5152);
/* harmony import */ var _sql_statements_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7831);
/* harmony import */ var _history_table_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(329);
/* harmony import */ var _migration_database_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8512);




/**
 * SQLite through Node's built-in node:sqlite (no native addon to bundle). SQLite has one writer
 * at a time: each migration runs in BEGIN IMMEDIATE (waiting up to lock-timeout for the write
 * lock) and re-checks the history table inside it, so concurrent runs apply each migration once.
 * Statements run one by one inside the transaction so a failure names its statement's line.
 */
async function openSqlite(url, options) {
    const { DatabaseSync } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 99, 23));
    const db = new DatabaseSync(url.path);
    db.exec(`PRAGMA busy_timeout = ${Math.min(2_147_483_647, Math.round(options.lockTimeoutMs))}`);
    if (options.statementTimeoutMs > 0)
        options.log.warning('statement-timeout has no effect on SQLite, which has no statement timeout.');
    return new SqliteMigrationDatabase(db, options);
}
class SqliteMigrationDatabase {
    db;
    options;
    engine = 'SQLite';
    table;
    constructor(db, options) {
        this.db = db;
        this.options = options;
        this.table = (0,_history_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteQualified */ .$s)(options.historyTable);
    }
    tableExists() {
        const name = this.options.historyTable.split('.').at(-1);
        return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    }
    async readHistory() {
        if (!this.tableExists())
            return [];
        const rows = this.db.prepare(`SELECT version, name, checksum, duration_ms, applied_at, applied_by FROM ${this.table}`).all();
        return rows.map((row) => ({
            version: String(row.version),
            name: row.name,
            checksum: row.checksum,
            durationMs: Number(row.duration_ms),
            appliedAt: row.applied_at,
            appliedBy: row.applied_by
        }));
    }
    async prepareHistory() {
        this.db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (
      version TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      duration_ms INTEGER NOT NULL,
      applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      applied_by TEXT NOT NULL,
      run_url TEXT
    )`);
    }
    async lock() {
        // Each migration takes SQLite's write lock (BEGIN IMMEDIATE) and waits for it through busy_timeout.
    }
    async unlock() { }
    isApplied(version) {
        return this.db.prepare(`SELECT 1 FROM ${this.table} WHERE version = ?`).get(version) !== undefined;
    }
    async applyUp(migration, provenance) {
        return this.run(migration.file, migration.sql, migration.transactional, () => this.isApplied(migration.version), (durationMs) => {
            this.db
                .prepare(`INSERT INTO ${this.table} (version, name, checksum, duration_ms, applied_by, run_url) VALUES (?, ?, ?, ?, ?, ?)`)
                .run(migration.version, migration.name, migration.checksum, Math.round(durationMs), provenance.appliedBy, provenance.runUrl ?? null);
        });
    }
    async applyDown(migration) {
        const down = migration.down;
        return this.run(down.file, down.sql, down.transactional, () => !this.isApplied(migration.version), () => {
            this.db.prepare(`DELETE FROM ${this.table} WHERE version = ?`).run(migration.version);
        });
    }
    run(file, sql, transactional, alreadyDone, bookkeeping) {
        const started = performance.now();
        if (transactional)
            this.db.exec('BEGIN IMMEDIATE');
        try {
            if (transactional && alreadyDone()) {
                this.db.exec('ROLLBACK');
                return Promise.resolve({ status: 'already-applied', durationMs: 0 });
            }
            for (const statement of (0,_sql_statements_js__WEBPACK_IMPORTED_MODULE_2__/* .splitStatements */ .X)(sql)) {
                try {
                    this.db.exec(statement.sql);
                }
                catch (error) {
                    throw new _migration_database_js__WEBPACK_IMPORTED_MODULE_1__/* .MigrationSqlError */ .Z(error.message, file, (0,_source_position_js__WEBPACK_IMPORTED_MODULE_3__/* .positionAt */ .t)(sql, statement.offset), error.errstr, transactional);
                }
            }
            const durationMs = performance.now() - started;
            bookkeeping(durationMs);
            if (transactional)
                this.db.exec('COMMIT');
            return Promise.resolve({ status: 'applied', durationMs });
        }
        catch (error) {
            if (transactional && this.db.isTransaction)
                this.db.exec('ROLLBACK');
            throw error;
        }
    }
    async close() {
        if (this.db.isOpen)
            this.db.close();
    }
    async abort() {
        if (this.db.isOpen) {
            if (this.db.isTransaction)
                this.db.exec('ROLLBACK');
            this.db.close();
        }
    }
}


/***/ }),

/***/ 5152:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ positionOfDatabaseError),
/* harmony export */   t: () => (/* binding */ positionAt)
/* harmony export */ });
function positionAt(text, offset) {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < clamped; i++) {
        if (text[i] === '\n') {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, column: clamped - lineStart + 1 };
}
/**
 * PostgreSQL reports an error's `position` as a 1-based character index into the query it was
 * sent. `queryOffset` is where that query starts in the file (a statement run on its own).
 */
function positionOfDatabaseError(fileText, position, queryOffset = 0) {
    if (position === undefined || !Number.isFinite(position) || position < 1)
        return undefined;
    // The server counts characters (code points); JavaScript strings count UTF-16 units.
    let offset = queryOffset;
    for (let counted = 1; counted < position && offset < fileText.length; counted++) {
        offset += (fileText.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
    }
    return positionAt(fileText, offset);
}


/***/ }),

/***/ 7831:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ splitStatements)
/* harmony export */ });
/**
 * Splits a SQL script into statements at top-level semicolons, keeping each statement's offset
 * in the script so a database error inside one statement can be mapped back to the file. It
 * knows what can hide a semicolon: '…' and "…" quotes, E'…' escapes, $tag$…$tag$ bodies
 * (PostgreSQL), -- and nested /* … *\/ comments, and the BEGIN … END bodies of CREATE TRIGGER
 * (SQLite) and BEGIN ATOMIC (PostgreSQL). Pure.
 */
function splitStatements(script) {
    const statements = [];
    let start = 0;
    let i = 0;
    let depth = 0; // BEGIN/CASE … END nesting inside a trigger or BEGIN ATOMIC body
    let blockBody = false;
    const n = script.length;
    const flush = (end) => {
        const raw = script.slice(start, end);
        const leading = raw.length - raw.trimStart().length;
        const sql = raw.trim();
        if (sql !== '' && !isOnlyComments(sql))
            statements.push({ sql, offset: start + leading });
        start = end + 1;
        depth = 0;
        blockBody = false;
    };
    while (i < n) {
        const c = script[i];
        const next = script[i + 1];
        if (c === '-' && next === '-') {
            const end = script.indexOf('\n', i);
            i = end < 0 ? n : end + 1;
            continue;
        }
        if (c === '/' && next === '*') {
            let level = 1;
            i += 2;
            while (i < n && level > 0) {
                if (script[i] === '/' && script[i + 1] === '*') {
                    level++;
                    i += 2;
                }
                else if (script[i] === '*' && script[i + 1] === '/') {
                    level--;
                    i += 2;
                }
                else
                    i++;
            }
            continue;
        }
        if (c === "'" || c === '"' || c === '`') {
            const escapes = c === "'" && /[eE]/.test(script[i - 1] ?? '') && !/[A-Za-z0-9_]/.test(script[i - 2] ?? '');
            i++;
            while (i < n) {
                if (escapes && script[i] === '\\') {
                    i += 2;
                    continue;
                }
                if (script[i] === c) {
                    if (script[i + 1] === c) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i++;
            }
            i++;
            continue;
        }
        if (c === '$') {
            const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 64));
            if (tag && !/[A-Za-z0-9_]/.test(script[i - 1] ?? '')) {
                const close = script.indexOf(tag[0], i + tag[0].length);
                i = close < 0 ? n : close + tag[0].length;
                continue;
            }
        }
        if (/[A-Za-z_]/.test(c) && !/[A-Za-z0-9_$]/.test(script[i - 1] ?? '')) {
            const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(script.slice(i, i + 64))[0];
            const upper = word.toUpperCase();
            if (!blockBody && (upper === 'BEGIN' || upper === 'ATOMIC')) {
                const head = script.slice(start, i).replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
                if (/^\s*CREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?TRIGGER\b/i.test(head) || (upper === 'ATOMIC' && /\bBEGIN\s*$/i.test(head))) {
                    blockBody = true;
                    depth = upper === 'ATOMIC' ? 1 : 0;
                }
            }
            if (blockBody) {
                if (upper === 'BEGIN' || upper === 'CASE')
                    depth++;
                else if (upper === 'END')
                    depth--;
            }
            i += word.length;
            continue;
        }
        if (c === ';' && (!blockBody || depth <= 0)) {
            flush(i);
            i++;
            continue;
        }
        i++;
    }
    flush(n);
    return statements;
}
function isOnlyComments(sql) {
    return sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim() === '';
}


/***/ })

};
