import { isAcceptedBeta } from './accepted-betas.js';
import { invalidType } from './pydantic-wording.js';

/** `anthropic_beta` is a list of flags Bedrock knows; the first unknown one is named in the error. */
export function betaFlags(body: Record<string, unknown>): string | undefined {
  const betas = body['anthropic_beta'];
  if (betas === undefined || betas === null) return undefined;
  if (!Array.isArray(betas)) return invalidType('anthropic_beta', 'list');
  for (let index = 0; index < betas.length; index += 1) {
    const flag: unknown = betas[index];
    if (typeof flag !== 'string') return invalidType(`anthropic_beta.${index}`, 'string');
    if (!isAcceptedBeta(flag)) return `invalid beta flag: ${flag}`;
  }
  return undefined;
}
