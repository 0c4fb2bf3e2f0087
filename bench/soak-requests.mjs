/**
 * What the soak sends. Short streams carry their script in the request (a small directive); the
 * long streams of the slow-reader phase are the soak simulator's default answer, so a long answer
 * never means a large request held by the proxy while it streams.
 */
import { SCRIPT_MARKER } from '../dist/simulator/index.js';
import { converseModel, invokeModel } from './request-bodies.mjs';

/** 32 deltas of 6 characters, 5 ms apart: a stream lasts long enough for hundreds to overlap. */
const shortText = 'The soak answer arrives in small pieces. '.repeat(5).slice(0, 192);
const shortScript = { content: [{ text: shortText }], deltaSize: 6, eventDelayMs: 5 };
export const shortStreamDeltas = Math.ceil(shortText.length / shortScript.deltaSize);

/** 16 MiB in 4 KiB deltas: several times what the kernel's socket buffers can hold for one stream. */
const longDeltaSize = 4096;
const longDeltaCount = 4096;
export const longStreamCharacters = longDeltaSize * longDeltaCount;
/** The soak simulator's answer to requests without a directive. */
export const longStreamScript = { content: [{ text: '0123456789abcdef'.repeat(longStreamCharacters / 16) }], deltaSize: longDeltaSize };

/** Both Bedrock APIs, by model id: the default table sends the first to InvokeModel, a stored mapping the second through Converse. */
export const soakApis = /** @type {const} */ ([
  { api: 'invoke', model: invokeModel },
  { api: 'converse', model: converseModel },
]);

/** @param {string} model */
export function shortStreamBody(model) {
  return JSON.stringify({
    model,
    max_tokens: 1024,
    stream: true,
    messages: [{ role: 'user', content: `${SCRIPT_MARKER} ${JSON.stringify(shortScript)}` }],
  });
}

/** @param {string} model */
export function longStreamBody(model) {
  return JSON.stringify({
    model,
    max_tokens: Math.ceil(longStreamCharacters / 4) + 1024,
    stream: true,
    messages: [{ role: 'user', content: 'Please answer at length.' }],
  });
}
