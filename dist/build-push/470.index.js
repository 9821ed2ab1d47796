export const id = 470;
export const ids = [470];
export const modules = {

/***/ 6470:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ghcrProvider: () => (/* binding */ ghcrProvider)
/* harmony export */ });
/**
 * GitHub Container Registry: the job's GITHUB_TOKEN (permission packages: write) as the password;
 * the user name is the actor (GHCR checks only the token).
 */
const ghcrProvider = {
    kind: 'ghcr',
    login(spec, context) {
        if (!spec.password)
            return Promise.reject(new Error('ghcr.io: no token (github-token is empty)'));
        return Promise.resolve({ username: spec.username || context.env.GITHUB_ACTOR || 'github-actions', password: spec.password });
    }
};


/***/ })

};
