import type { ConverseRequestBody } from '../../bedrock/types.js';
import { measureInput } from './measure-input.js';

/**
 * CountTokens' answer: the same estimate as the usage of an answer (about 4 characters a token over
 * tool specs, system and messages, at least 1), cached and uncached input together.
 */
export function countInputTokens(body: ConverseRequestBody): number {
  return Math.max(1, Math.ceil(measureInput(body).characters / 4));
}
