import { z } from 'zod';
import { invalidField } from '../errors.js';
import { cacheControlSchema, contentBlockSchema, integer, textBlockSchema, unsupportedBlockSchema } from './content-block-schemas.js';
import { describeSchemaIssue } from './describe-schema-issue.js';

export type {
  CacheControl,
  CitationParam,
  ContentBlockParam,
  DocumentBlockParam,
  ImageBlockParam,
  SearchResultBlockParam,
  TextBlockParam,
  ToolResultBlockParam,
  ToolResultContentParam,
  ToolUseBlockParam,
  UnsupportedBlockParam,
} from './content-block-schemas.js';
export { unsupportedBlockTypes } from './content-block-schemas.js';

/**
 * The body of POST /v1/messages as the Anthropic API accepts it (both SDK generations, the beta
 * fields Claude Code sends, and blocks clients echo back from responses). Objects are strict, as
 * the real API is. Tool types Bedrock Converse cannot carry parse loosely, so that the converter
 * can refuse them by name.
 */

const effortSchema = z.enum(['low', 'medium', 'high', 'xhigh', 'max']);

const messageSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('user'), content: z.union([z.string(), z.array(contentBlockSchema)]) }),
  z.strictObject({ role: z.literal('assistant'), content: z.union([z.string(), z.array(contentBlockSchema)]) }),
  z.strictObject({
    role: z.literal('system'),
    content: z.union([z.string(), z.array(z.discriminatedUnion('type', [textBlockSchema, unsupportedBlockSchema]))]).optional(),
    output_config: z.strictObject({ effort: effortSchema.nullish() }).nullish(),
    clear_at: z.enum(['next_user_message', 'never']).nullish(),
  }),
]);

const customToolSchema = z.strictObject({
  type: z.literal('custom').nullish(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.looseObject({
    type: z.literal('object'),
    properties: z.unknown().optional(),
    required: z.array(z.string()).nullish(),
  }),
  cache_control: cacheControlSchema,
  strict: z.boolean().optional(),
  defer_loading: z.boolean().optional(),
  eager_input_streaming: z.boolean().nullish(),
  allowed_callers: z.array(z.string()).optional(),
  input_examples: z.array(z.record(z.string(), z.unknown())).optional(),
});

/** Anthropic-defined client and server tools (both SDK generations): refused by the converter. */
export const anthropicDefinedToolTypes = [
  'bash_20241022',
  'bash_20250124',
  'text_editor_20241022',
  'text_editor_20250124',
  'text_editor_20250429',
  'text_editor_20250728',
  'computer_20241022',
  'computer_20250124',
  'computer_20251124',
  'computer_toolset_20260801',
  'browser_toolset_20260801',
  'memory_20250818',
  'web_search_20250305',
  'web_search_20260209',
  'web_search_20260318',
  'web_fetch_20250910',
  'web_fetch_20260209',
  'web_fetch_20260309',
  'web_fetch_20260318',
  'code_execution_20250522',
  'code_execution_20250825',
  'code_execution_20260120',
  'code_execution_20260521',
  'tool_search_tool_bm25_20251119',
  'tool_search_tool_regex_20251119',
  'tool_search_tool_bm25',
  'tool_search_tool_regex',
  'advisor_20260301',
  'mcp_toolset',
] as const;

const toolSchema = z.discriminatedUnion('type', [
  customToolSchema,
  z.looseObject({ type: z.enum(anthropicDefinedToolTypes), name: z.string().optional() }),
]);

const toolChoiceSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
  z.strictObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
  z.strictObject({ type: z.literal('tool'), name: z.string(), disable_parallel_tool_use: z.boolean().optional() }),
  z.strictObject({ type: z.literal('none') }),
]);

const thinkingDisplaySchema = z.enum(['summarized', 'omitted', 'updates']).nullish();

const thinkingSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('enabled'), budget_tokens: integer, display: thinkingDisplaySchema }),
  z.strictObject({ type: z.literal('adaptive'), display: thinkingDisplaySchema }),
  z.strictObject({ type: z.literal('disabled') }),
  z.strictObject({ type: z.literal('between_tools') }),
]);

export const messagesRequestSchema = z.strictObject({
  model: z.string().min(1),
  max_tokens: integer.min(0),
  messages: z.array(messageSchema).min(1),
  system: z.union([z.string(), z.array(textBlockSchema)]).optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: integer.min(0).optional(),
  metadata: z.strictObject({ user_id: z.string().nullish() }).optional(),
  tools: z.array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  thinking: thinkingSchema.optional(),
  output_config: z
    .strictObject({
      effort: effortSchema.nullish(),
      format: z.strictObject({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) }).nullish(),
    })
    .optional(),
  service_tier: z.enum(['auto', 'standard_only']).optional(),
  speed: z.enum(['standard', 'fast']).nullish(),
  inference_geo: z.string().nullish(),
  cache_control: cacheControlSchema,
  container: z.union([z.string(), z.looseObject({})]).nullish(),
  mcp_servers: z.array(z.looseObject({})).optional(),
  context_management: z.strictObject({ edits: z.array(z.looseObject({ type: z.string() })).optional() }).nullish(),
  diagnostics: z.strictObject({ previous_message_id: z.string().nullish() }).nullish(),
  user_profile_id: z.string().optional(),
  workspace_id: z.string().optional(),
});

export type MessagesRequest = z.infer<typeof messagesRequestSchema>;
export type RequestMessage = MessagesRequest['messages'][number];
export type ToolDefinition = z.infer<typeof toolSchema>;
export type CustomToolDefinition = z.infer<typeof customToolSchema>;
export type ToolChoice = z.infer<typeof toolChoiceSchema>;
export type ThinkingConfig = z.infer<typeof thinkingSchema>;

/** Validates a parsed JSON body; throws ProxyError('INVALID_REQUEST', "<dotted.path>: <problem>") on the first issue. */
export function parseMessagesRequest(body: unknown): MessagesRequest {
  return parseBody(messagesRequestSchema, body);
}

/**
 * The body of POST /v1/messages/count_tokens (Anthropic's MessageCountTokensParams): the input side
 * of a Messages request, with the beta fields the messages schema accepts. Generation settings
 * (max_tokens, stream, sampling, stop sequences, metadata, service_tier) are extra inputs, as Anthropic answers.
 */
export const countTokensRequestSchema = messagesRequestSchema.pick({
  model: true,
  messages: true,
  system: true,
  tools: true,
  tool_choice: true,
  thinking: true,
  output_config: true,
  cache_control: true,
  speed: true,
  context_management: true,
  mcp_servers: true,
  container: true,
});

export type CountTokensRequest = z.infer<typeof countTokensRequestSchema>;

/** Validates a count_tokens body; throws ProxyError('INVALID_REQUEST', "<dotted.path>: <problem>") on the first issue. */
export function parseCountTokensRequest(body: unknown): CountTokensRequest {
  return parseBody(countTokensRequestSchema, body);
}

function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const { path, message } = first === undefined ? { path: [], message: 'Invalid request' } : describeSchemaIssue(first);
  throw invalidField(path, message);
}
