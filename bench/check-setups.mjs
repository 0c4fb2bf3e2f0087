import { countStreamDeltas, fetchSample } from './fetch-sample.mjs';
import { benchAnswerText, longStreamCharacters } from './request-bodies.mjs';

/**
 * @typedef {import('./plan-scenarios.mjs').LoadScenario} LoadScenario
 * @typedef {import('./measure-load-row.mjs').BenchContext} BenchContext
 */

/**
 * Sends each load scenario's request once before anything is measured, so a setup that answers
 * wrongly fails the run at once instead of producing fast-looking errors, and counts the deltas
 * of the proxy's short and long streams (per API) for the per-delta cost.
 * @param {BenchContext} context
 * @param {LoadScenario[]} scenarios
 * @returns {Promise<Record<'invoke' | 'converse', { short: number, long: number }>>}
 */
export async function checkSetups(context, scenarios) {
  const deltas = { invoke: { short: 0, long: 0 }, converse: { short: 0, long: 0 } };
  for (const scenario of scenarios) {
    const sample = await fetchSample({ origin: context.servers[scenario.request.server].url, ...scenario.request });
    const where = `${scenario.setup}, ${scenario.kind}`;
    if (sample.statusCode !== 200) throw new Error(`${where}: expected 200, got ${sample.statusCode}: ${sample.text.slice(0, 300)}`);
    const text = answerText(scenario, sample.text);
    const expected = scenario.kind === 'long stream' ? longStreamCharacters : benchAnswerText.length;
    if (text !== undefined && text.length !== expected) {
      throw new Error(`${where}: expected an answer of ${expected} characters, got ${JSON.stringify(text.slice(0, 80))} (${text.length})`);
    }
    if (scenario.api !== undefined && scenario.kind !== 'non-streaming') {
      deltas[scenario.api][scenario.kind === 'long stream' ? 'long' : 'short'] = countStreamDeltas(sample.text);
    }
  }
  return deltas;
}

/**
 * The answer's text where this setup's format is easy to read; undefined for Bedrock's binary
 * event stream (the pass-through's streams), which is only checked for its status.
 * @param {LoadScenario} scenario
 * @param {string} body
 * @returns {string | undefined}
 */
function answerText(scenario, body) {
  if (scenario.kind === 'non-streaming') {
    const parsed = JSON.parse(body);
    return scenario.request.server === 'proxy' ? parsed?.content?.[0]?.text : parsed?.output?.message?.content?.[0]?.text;
  }
  if (scenario.request.server !== 'proxy') return undefined;
  let text = '';
  for (const line of body.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const event = JSON.parse(line.slice('data:'.length));
    if (event?.type === 'content_block_delta' && event.delta?.type === 'text_delta') text += event.delta.text;
  }
  return text;
}
