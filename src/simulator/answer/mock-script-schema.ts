import { z } from 'zod';
import { checkFaultScript, faultScriptShape } from '../faults/fault-script-schema.js';
import { checkGuardrailScript } from '../guardrail/guardrail-script.js';
import type { MockScript } from '../script.js';

const citation = z.strictObject({
  citedText: z.string(),
  documentIndex: z.number().int().min(0).optional(),
  location: z.enum(['documentChar', 'documentPage', 'documentChunk']).optional(),
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(0).optional(),
  title: z.string().optional(),
});

const block = z.union([
  z.strictObject({ text: z.string(), citations: z.array(citation).optional() }),
  z.strictObject({
    toolUse: z.strictObject({ name: z.string().min(1), input: z.unknown().optional(), toolUseId: z.string().min(1).optional() }),
  }),
  z.strictObject({ reasoning: z.string(), signature: z.string().optional() }),
  z.strictObject({ redactedReasoning: z.string().min(1) }),
]);

const errorName = z.enum([
  'ValidationException',
  'AccessDeniedException',
  'ResourceNotFoundException',
  'ThrottlingException',
  'ServiceQuotaExceededException',
  'ModelTimeoutException',
  'ModelNotReadyException',
  'ModelErrorException',
  'ServiceUnavailableException',
  'InternalServerException',
]);

const streamExceptionName = z.enum([
  'internalServerException',
  'modelStreamErrorException',
  'validationException',
  'throttlingException',
  'serviceUnavailableException',
]);

const count = z.number().int().min(0);

export const mockScriptSchema: z.ZodType<MockScript> = z.strictObject({
  content: z.array(block).optional(),
  stopReason: z
    .enum([
      'end_turn',
      'tool_use',
      'max_tokens',
      'stop_sequence',
      'guardrail_intervened',
      'content_filtered',
      'malformed_model_output',
      'malformed_tool_use',
      'model_context_window_exceeded',
    ])
    .optional(),
  stopSequence: z.string().optional(),
  usage: z
    .strictObject({
      inputTokens: count.optional(),
      outputTokens: count.optional(),
      cacheReadInputTokens: count.optional(),
      cacheWriteInputTokens: count.optional(),
      cacheDetails: z.array(z.strictObject({ ttl: z.enum(['5m', '1h']), inputTokens: count })).optional(),
    })
    .optional(),
  latencyMs: count.optional(),
  eventDelayMs: count.optional(),
  error: z
    .strictObject({ name: errorName, message: z.string().optional(), status: z.number().int().min(400).max(599).optional() })
    .optional(),
  streamException: z
    .strictObject({ name: streamExceptionName, message: z.string().optional(), afterEvents: count.optional() })
    .optional(),
  deltaSize: z.number().int().min(1).optional(),
  guardrail: z.literal('intervene').optional(),
  ...faultScriptShape,
})
  .superRefine(checkFaultScript)
  .superRefine(checkGuardrailScript);
