export const id = 71;
export const ids = [71];
export const modules = {

/***/ 4071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadPostgresSplitter: () => (/* binding */ loadPostgresSplitter)
/* harmony export */ });
/* harmony import */ var _lint_pg_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2284);

/**
 * Splits PostgreSQL migrations with PostgreSQL's own parser (libpg-query), so a statement ends
 * exactly where the server would end it: dollar quotes, nested comments, E'' strings, BEGIN ATOMIC
 * bodies, standard_conforming_strings all as the server reads them. A script the parser refuses
 * comes back as a syntax problem at its line and column, to stop the plan before anything runs.
 * The parser (WebAssembly) loads here, only for a PostgreSQL target of the built-in runner.
 */
async function loadPostgresSplitter() {
    const parse = await (0,_lint_pg_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .loadSqlParser */ .Ok)();
    return (script) => {
        const outcome = parse(script);
        if (!outcome.ok)
            return { ok: false, problem: { message: outcome.failure.message, offset: outcome.failure.offset } };
        // Each statement from its first token to its end (the parser leaves the semicolon out).
        return { ok: true, statements: outcome.statements.map((statement) => ({ sql: statement.text, offset: statement.start })) };
    };
}


/***/ })

};
