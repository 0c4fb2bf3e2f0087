import type { ConverseRequestBody, CountTokensInput } from '../../bedrock/types.js';

type ConverseCountInput = Extract<CountTokensInput, { converse: unknown }>['converse'];

/** CountTokens input for a Converse-path model: the parts of the Converse body that count as input. */
export function converseCountTokensInput(body: ConverseRequestBody): CountTokensInput {
  const converse: ConverseCountInput = {};
  if (body.messages !== undefined) converse.messages = body.messages;
  if (body.system !== undefined) converse.system = body.system;
  if (body.toolConfig !== undefined) converse.toolConfig = body.toolConfig;
  if (body.additionalModelRequestFields !== undefined) converse.additionalModelRequestFields = body.additionalModelRequestFields;
  return { converse };
}

/** CountTokens input for an invoke-path model: the native body, which Bedrock requires to carry max_tokens. */
export function invokeCountTokensInput(body: Record<string, unknown>): CountTokensInput {
  return { invokeModel: { body: body['max_tokens'] === undefined ? { ...body, max_tokens: 1 } : body } };
}
