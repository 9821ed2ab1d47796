import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 616:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ applyDefaults)
/* harmony export */ });
/** Sets INPUT_<NAME> to the action's default wherever the caller left that input empty. */
function applyDefaults(env, defaults) {
    for (const [input, value] of Object.entries(defaults)) {
        const variable = `INPUT_${input.replace(/ /g, '_').toUpperCase()}`;
        if ((env[variable] ?? '') === '')
            env[variable] = value;
    }
}


/***/ }),

/***/ 993:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _defaults_generated_json__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(302);
/* harmony import */ var _post_steps_generated_json__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(40);
/* harmony import */ var _apply_defaults_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(616);
// The root action (`uses: org/deploy-actions@v1` with `action: <name>`) runs the named action's
// own bundle, which starts its run() on import. The root action.yml declares no defaults (its
// inputs are the union of all six), so the chosen action's defaults are filled in here first.
//
// The root action.yml has a post step (build-push signs out there). The runner calls this file
// again for it; the state saved on the first call tells the two apart, and the post call runs
// the chosen action's bundle only when that action has a post step of its own.






const actions = _defaults_generated_json__WEBPACK_IMPORTED_MODULE_3__;
const name = (process.env.INPUT_ACTION ?? '').trim();
const bundle = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(import.meta.url)), '..', name, 'index.js');
const DISPATCHED = 'deploy_actions_dispatched';
const isPost = process.env[`STATE_${DISPATCHED}`] === 'true';
if (isPost) {
    if (_post_steps_generated_json__WEBPACK_IMPORTED_MODULE_4__.includes(name) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(bundle)) {
        (0,_apply_defaults_js__WEBPACK_IMPORTED_MODULE_5__/* .applyDefaults */ .h)(process.env, actions[name]);
        await import(/* webpackIgnore: true */ (0,node_url__WEBPACK_IMPORTED_MODULE_2__.pathToFileURL)(bundle).href);
    }
}
else if (!Object.hasOwn(actions, name) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(bundle)) {
    process.stdout.write(`::error::Input "action" is "${name}", which is not an action of this suite; expected one of ${Object.keys(actions).join(', ')}.\n`);
    process.exitCode = 1;
}
else {
    if (process.env.GITHUB_STATE)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(process.env.GITHUB_STATE, `${DISPATCHED}=true\n`);
    (0,_apply_defaults_js__WEBPACK_IMPORTED_MODULE_5__/* .applyDefaults */ .h)(process.env, actions[name]);
    // webpackIgnore: the bundle is a file beside this one at run time, not a module to bundle.
    await import(/* webpackIgnore: true */ (0,node_url__WEBPACK_IMPORTED_MODULE_2__.pathToFileURL)(bundle).href);
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 302:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"blue-green-swap":{"mode":"deploy","version":"","image":"","command":"","env":"","steps":"","bake":"","keep-previous":"","pause-after-step":"","analysis":"","max-error-rate":"","max-p95":"","synthetic-path":"","synthetic-rate":"","prometheus-url":"","analysis-queries":"","failure-limit":"","lock-timeout":"","checks-file":"","check-path":"","host":"","ssh-user":"","ssh-port":"","ssh-key":"","known-hosts":"","allow-unknown-host-key":"","runtime":"","app-name":"","blue-port":"","green-port":"","health-path":"","start-timeout":"","drain":"","sudo":"","nginx-switch":"","nginx-upstream-file":"","nginx-flag-dir":"","nginx-conf":"","nginx-prefix":"","nginx-access-log":"","nginx-pid-file":"","state-file":"","history-limit":"","public-url":"","container-port":"","docker-env-file":"","docker-volumes":"","docker-health-cmd":"","process-workdir":"","vercel-token":"","vercel-project":"","vercel-team":"","vercel-public-url":"","vercel-api-url":"","vercel-ready-timeout":"","vercel-promote-timeout":"","vercel-poll-interval":"","render-api-key":"","render-service":"","render-public-url":"","render-api-url":"","render-deploy-timeout":"","render-poll-interval":"","railway-token":"","railway-token-type":"","railway-service":"","railway-environment":"","railway-public-url":"","railway-api-url":"","railway-deploy-timeout":"","aws-region":"","aws-role-arn":"","ecs-cluster":"","ecs-blue-service":"","ecs-green-service":"","ecs-blue-target-group":"","ecs-green-target-group":"","ecs-listener":"","ecs-listener-rule":"","ecs-container":"","ecs-task-definition":"","ecs-desired-count":"","ecs-stable-timeout":"","ecs-keep-revisions":"","ecs-test-listener":"","ecs-service":"","ecs-bake-time":"","azure-subscription":"","azure-resource-group":"","azure-app-name":"","azure-slot":"","azure-health-path":"","azure-warmup-timeout":"","azure-swap-timeout":"","azure-slot-url":"","azure-public-url":"","azure-swap-preview":"","k8s-kubeconfig":"","k8s-context":"","k8s-namespace":"","k8s-app":"","k8s-service":"","k8s-switch":"","k8s-ingress":"","k8s-container":"","k8s-rollout-timeout":"","k8s-poll-interval":"","k8s-public-url":"","k8s-color-url":""},"build-push":{"engine":"docker","context":".","file":"","tags":"short-sha\\nbranch\\nsemver\\nlatest\\npr\\n","default-branch":"","labels":"","annotations":"","build-args":"","secrets":"","target":"","platforms":"","cache-from":"","cache-to":"","push":"true","load":"false","provenance":"","sbom":"false","skip-existing":"false","promote-from":"","promote-by-tag":"false","registry-auth":"","insecure-registries":"","attempts":"5","timeout":"5m","build-timeout":"60m"},"db-backup":{"mode":"backup","environment":"production","compression":"zstd","verify":"true","retention-dry-run":"false","timeout":"2h","progress-interval":"10s"},"migrate":{"database-url":"","tool":"builtin","format":"auto","directory":"migrations","working-directory":".","command":"","database-url-env":"","tool-args":"","dry-run":"false","target":"","direction":"up","steps":"","allow-changed":"false","allow-out-of-order":"false","lock-timeout":"5m","statement-timeout":"0","history-table":"deploy_actions_migrations","backup-id":"","backup-uri":"","mode":"apply","lint":"false","lint-rules":"","lint-fail-on":"","lint-comment":""},"notify":{"status":"","service":"","environment-url":"","version":"","sha":"","started-at":"","message":"","outputs":"","slack-webhook-url":"","slack-token":"","slack-channel":"","slack-ts":"","thread-ts":"","slack-api-url":"https://slack.com/api/","payload":"","payload-file":"","teams-webhook-url":"","discord-webhook-url":"","webhook-url":"","webhook-secret":"","smtp-host":"","smtp-port":"","smtp-security":"starttls","smtp-username":"","smtp-password":"","email-from":"","email-to":"","email-subject":"","github-deployment":"auto","github-deployment-id":"","github-commit-status":"true","github-pr-comment":"auto","fail-on-error":"false","attempts":"4","timeout":"30s"},"smoke-test":{"method":"GET","expect-status":"200-299","wait-timeout":"60s","timeout":"10s","retries":"0","retry-unsafe":"false","concurrency":"10","load-rate":"10","max-error-rate":"1%"}}');

/***/ }),

/***/ 40:
/***/ ((module) => {

module.exports = ["build-push"];

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(993);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
