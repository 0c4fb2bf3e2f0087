#!/usr/bin/env node
// The AWS SDK warns on every start about Node 20's end of life; our engines field already says what we support.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await import('../dist/cli/main.js');
