export const id = 304;
export const ids = [304];
export const modules = {

/***/ 2304:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   anonymousProvider: () => (/* binding */ anonymousProvider),
/* harmony export */   basicProvider: () => (/* binding */ basicProvider)
/* harmony export */ });
/** Docker Hub and any registry that takes a user name and password (or access token). */
const basicProvider = {
    kind: 'basic',
    login(spec) {
        if (spec.username === undefined || spec.password === undefined)
            return Promise.reject(new Error(`${spec.host}: no user name and password given in registry-auth`));
        return Promise.resolve({ username: spec.username, password: spec.password });
    }
};
/** A registry listed as `host=anonymous`: pushed to without signing in (a local registry). */
const anonymousProvider = {
    kind: 'anonymous',
    login() {
        return Promise.resolve(undefined);
    }
};


/***/ })

};
