#!/usr/bin/env node
// `npm run soak` (after the build). The built code loads the AWS SDK, which warns on every start
// about Node 20's end of life; the warning is silenced before anything is imported, as
// run-bench.mjs and bin/proxy.js do.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await import('./soak-main.mjs');
