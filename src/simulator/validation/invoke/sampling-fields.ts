import { checkObject } from './check-object.js';
import { invalidType } from './pydantic-wording.js';

/** temperature and top_p within 0–1, top_k ≥ 0, stop_sequences a list of strings, metadata `{user_id}`. */
export function samplingFields(body: Record<string, unknown>): string | undefined {
  for (const name of ['temperature', 'top_p'] as const) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number') return invalidType(name, 'number');
    if (value < 0) return `${name}: Input should be greater than or equal to 0`;
    if (value > 1) return `${name}: Input should be less than or equal to 1`;
  }
  const topK = body['top_k'];
  if (topK !== undefined && topK !== null) {
    if (typeof topK !== 'number' || !Number.isInteger(topK)) return invalidType('top_k', 'integer');
    if (topK < 0) return 'top_k: Input should be greater than or equal to 0';
  }
  const stopSequences = body['stop_sequences'];
  if (stopSequences !== undefined && stopSequences !== null) {
    if (!Array.isArray(stopSequences)) return invalidType('stop_sequences', 'list');
    const index = stopSequences.findIndex((sequence) => typeof sequence !== 'string');
    if (index !== -1) return invalidType(`stop_sequences.${index}`, 'string');
  }
  const metadata = body['metadata'];
  if (metadata !== undefined && metadata !== null) return checkObject(metadata, 'metadata', { fields: { user_id: 'string' } });
  return undefined;
}
