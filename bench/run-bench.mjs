#!/usr/bin/env node
// `npm run bench` (after the build). The built code loads the AWS SDK, which warns on every start
// about Node 20's end of life; the proxy's engines field already says what is supported, so the
// warning is silenced before anything is imported, as bin/proxy.js does.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await import('./bench-main.mjs');
