import type { MessagesRequest } from '../anthropic/request-schema.js';
import type { ConverseOutputConfig } from './converse-shapes.js';
import { effectiveEffort } from './effective-effort.js';

/**
 * output_config → Converse `outputConfig` (spec §1.1). A `system` message inside `messages` may
 * carry its own output_config: the last one governs this turn and overrides the top-level fields it
 * sets; earlier ones governed earlier turns.
 */
export function convertOutputConfig(request: MessagesRequest): ConverseOutputConfig | undefined {
  const effort = effectiveEffort(request);
  const format = request.output_config?.format ?? undefined;
  if (effort === undefined && format === undefined) return undefined;
  const outputConfig: ConverseOutputConfig = {};
  if (effort !== undefined) outputConfig.effort = effort;
  if (format !== undefined) {
    outputConfig.textFormat = {
      type: 'json_schema',
      structure: { jsonSchema: { schema: JSON.stringify(format.schema), name: 'response' } },
    };
  }
  return outputConfig;
}
