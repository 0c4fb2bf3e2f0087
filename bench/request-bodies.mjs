/**
 * What the benchmark sends. One small conversation, sent in its Converse form straight to the
 * simulator (or through the pass-through) and in its Anthropic form through the proxy.
 */
import { SCRIPT_MARKER } from '../dist/simulator/index.js';

/** The simulator's fixed answer to requests without a directive: short, so a short stream has a handful of deltas. */
export const benchAnswerText = 'The benchmark answer: short and fixed.';

/** Characters of the long stream; with `deltaSize: 1` every character is its own delta. */
export const longStreamCharacters = 500;

/** Bedrock model id used for requests sent straight to the simulator. */
export const upstreamModelId = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

/** Proxy model ids: the default table sends this one to InvokeModel… */
export const invokeModel = 'claude-sonnet-4-5';
/** …and a stored mapping sends this one through Converse. */
export const converseModel = 'bench-converse';
export const converseModelTarget = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

const userText = 'Hello from the benchmark. Please answer briefly.';
const longText = 'abcdefghij'.repeat(longStreamCharacters / 10);
const longDirective = `${SCRIPT_MARKER} ${JSON.stringify({ content: [{ text: longText }], deltaSize: 1 })}`;

/**
 * @param {'converse' | 'converse-stream' | 'invoke' | 'invoke-with-response-stream'} operation
 * @returns {string}
 */
export function upstreamPath(operation) {
  return `/model/${encodeURIComponent(upstreamModelId)}/${operation}`;
}

/** @param {{ long?: boolean }} [options] */
export function converseBody(options = {}) {
  const text = options.long === true ? longDirective : userText;
  return JSON.stringify({ messages: [{ role: 'user', content: [{ text }] }], inferenceConfig: { maxTokens: 1024 } });
}

/** The native InvokeModel body, for first-byte timing of the simulator's invoke stream. */
export function invokeBody() {
  return JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 1024,
    messages: [{ role: 'user', content: [{ type: 'text', text: userText }] }],
  });
}

/** @param {{ model: string, stream: boolean, long?: boolean }} options */
export function anthropicBody(options) {
  const text = options.long === true ? longDirective : userText;
  return JSON.stringify({
    model: options.model,
    max_tokens: 1024,
    stream: options.stream,
    messages: [{ role: 'user', content: text }],
  });
}

/** Any bearer token satisfies the simulator, which is what the pass-through sends too. */
export const upstreamHeaders = { 'content-type': 'application/json', authorization: 'Bearer bench' };

/** @param {string} apiKey */
export function proxyHeaders(apiKey) {
  return { 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' };
}
