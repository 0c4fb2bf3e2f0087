import { z } from 'zod';
import { invalidField } from '../errors.js';

/**
 * The body of POST /v1/messages as the Anthropic API accepts it (both SDK generations, the beta
 * fields Claude Code sends, and blocks clients echo back from responses). Objects are strict, as
 * the real API is. Block and tool types Bedrock Converse cannot carry parse loosely, so that the
 * converter can refuse them by name instead of the schema calling them unknown.
 */

const cacheControlSchema = z
  .strictObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullish();

const integer = z.number().int();

const citationParamSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('char_location'),
    cited_text: z.string(),
    document_index: integer,
    document_title: z.string().nullable(),
    start_char_index: integer,
    end_char_index: integer,
    file_id: z.string().nullish(),
  }),
  z.strictObject({
    type: z.literal('page_location'),
    cited_text: z.string(),
    document_index: integer,
    document_title: z.string().nullable(),
    start_page_number: integer,
    end_page_number: integer,
    file_id: z.string().nullish(),
  }),
  z.strictObject({
    type: z.literal('content_block_location'),
    cited_text: z.string(),
    document_index: integer,
    document_title: z.string().nullable(),
    start_block_index: integer,
    end_block_index: integer,
    file_id: z.string().nullish(),
  }),
  z.strictObject({
    type: z.literal('search_result_location'),
    cited_text: z.string(),
    search_result_index: integer,
    start_block_index: integer,
    end_block_index: integer,
    source: z.string(),
    title: z.string().nullable(),
  }),
  z.strictObject({
    type: z.literal('web_search_result_location'),
    cited_text: z.string(),
    url: z.string(),
    title: z.string().nullable(),
    encrypted_index: z.string(),
  }),
]);

const textBlockSchema = z.strictObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControlSchema,
  citations: z.array(citationParamSchema).nullish(),
});

const imageBlockSchema = z.strictObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('base64'),
      media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
      data: z.string(),
    }),
    z.strictObject({ type: z.literal('url'), url: z.string() }),
    z.strictObject({ type: z.literal('file'), file_id: z.string() }),
  ]),
  cache_control: cacheControlSchema,
  transformations: z.strictObject({ oversized_image: z.enum(['downsize', 'error']).optional() }).nullish(),
});

const citationsConfigSchema = z.strictObject({ enabled: z.boolean().optional() });

const documentBlockSchema = z.strictObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('base64'), media_type: z.literal('application/pdf'), data: z.string() }),
    z.strictObject({ type: z.literal('text'), media_type: z.literal('text/plain'), data: z.string() }),
    z.strictObject({
      type: z.literal('content'),
      content: z.union([z.string(), z.array(z.discriminatedUnion('type', [textBlockSchema, imageBlockSchema]))]),
    }),
    z.strictObject({ type: z.literal('url'), url: z.string() }),
    z.strictObject({ type: z.literal('file'), file_id: z.string() }),
  ]),
  cache_control: cacheControlSchema,
  citations: citationsConfigSchema.nullish(),
  context: z.string().nullish(),
  title: z.string().nullish(),
});

const searchResultBlockSchema = z.strictObject({
  type: z.literal('search_result'),
  source: z.string(),
  title: z.string(),
  content: z.array(textBlockSchema),
  cache_control: cacheControlSchema,
  citations: citationsConfigSchema.optional(),
});

const callerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('direct') }),
  z.strictObject({ type: z.enum(['code_execution_20250825', 'code_execution_20260120']), tool_id: z.string() }),
]);

const toolUseBlockSchema = z.strictObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
  cache_control: cacheControlSchema,
  caller: callerSchema.optional(),
  toolset_name: z.string().nullish(),
});

/** Known Anthropic blocks with no Converse equivalent: accepted here, refused by the converter. */
export const unsupportedBlockTypes = [
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'advisor_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
  'container_upload',
  'mcp_tool_use',
  'mcp_tool_result',
  'mcp_tool_listing',
  'tool_reference',
  'browser_state',
  'compaction',
  'tool_addition',
  'tool_removal',
  'fallback',
] as const;

const unsupportedBlockSchema = z.looseObject({ type: z.enum(unsupportedBlockTypes) });

const toolResultBlockSchema = z.strictObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z
    .union([
      z.string(),
      z.array(
        z.discriminatedUnion('type', [
          textBlockSchema,
          imageBlockSchema,
          documentBlockSchema,
          searchResultBlockSchema,
          unsupportedBlockSchema,
        ]),
      ),
    ])
    .optional(),
  cache_control: cacheControlSchema,
  is_error: z.boolean().optional(),
  toolset_name: z.string().nullish(),
});

const contentBlockSchema = z.discriminatedUnion('type', [
  textBlockSchema,
  imageBlockSchema,
  documentBlockSchema,
  searchResultBlockSchema,
  z.strictObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() }),
  z.strictObject({ type: z.literal('redacted_thinking'), data: z.string() }),
  toolUseBlockSchema,
  toolResultBlockSchema,
  unsupportedBlockSchema,
]);

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
export type ContentBlockParam = z.infer<typeof contentBlockSchema>;
export type TextBlockParam = z.infer<typeof textBlockSchema>;
export type ImageBlockParam = z.infer<typeof imageBlockSchema>;
export type DocumentBlockParam = z.infer<typeof documentBlockSchema>;
export type SearchResultBlockParam = z.infer<typeof searchResultBlockSchema>;
export type ToolUseBlockParam = z.infer<typeof toolUseBlockSchema>;
export type ToolResultBlockParam = z.infer<typeof toolResultBlockSchema>;
export type ToolResultContentParam = Exclude<ToolResultBlockParam['content'], string | undefined>[number];
export type UnsupportedBlockParam = z.infer<typeof unsupportedBlockSchema>;
export type CitationParam = z.infer<typeof citationParamSchema>;
export type CacheControl = NonNullable<z.infer<typeof cacheControlSchema>>;
export type ToolDefinition = z.infer<typeof toolSchema>;
export type CustomToolDefinition = z.infer<typeof customToolSchema>;
export type ToolChoice = z.infer<typeof toolChoiceSchema>;
export type ThinkingConfig = z.infer<typeof thinkingSchema>;

/** Validates a parsed JSON body; throws ProxyError('INVALID_REQUEST', "<dotted.path>: <problem>") on the first issue. */
export function parseMessagesRequest(body: unknown): MessagesRequest {
  const result = messagesRequestSchema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const { path, message } = first === undefined ? { path: [], message: 'Invalid request' } : describeIssue(first, []);
  throw invalidField(path, message);
}

type Issue = z.core.$ZodIssue;
type IssuePath = Array<string | number>;

/** Pydantic-style wording, as the Anthropic API words its validation errors. */
function describeIssue(issue: Issue, base: IssuePath): { path: IssuePath; message: string } {
  const path = [...base, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))];
  switch (issue.code) {
    case 'unrecognized_keys':
      return { path: [...path, issue.keys[0] ?? ''], message: 'Extra inputs are not permitted' };
    case 'invalid_union':
      return describeUnionIssue(issue, path);
    case 'invalid_type':
      return { path, message: issue.input === undefined ? 'Field required' : `Input should be ${expectedName(issue.expected)}` };
    case 'invalid_value':
      return { path, message: `Input should be ${listAlternatives(issue.values.map((value) => `'${String(value)}'`))}` };
    case 'too_small':
      return { path, message: describeBound({ origin: issue.origin, direction: 'at least', bound: Number(issue.minimum), inclusive: issue.inclusive }) };
    case 'too_big':
      return { path, message: describeBound({ origin: issue.origin, direction: 'at most', bound: Number(issue.maximum), inclusive: issue.inclusive }) };
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return { path, message: issue.message };
    default: {
      const unhandled: never = issue;
      return { path, message: String(unhandled) };
    }
  }
}

function describeUnionIssue(issue: z.core.$ZodIssueInvalidUnion, path: IssuePath): { path: IssuePath; message: string } {
  if (issue.inclusive === false) return { path, message: issue.message };
  if (issue.discriminator !== undefined) {
    const blockPath = path.slice(0, -1);
    const input = issue.input;
    const tag = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
    if (tag === undefined) return { path: blockPath, message: `Unable to extract tag using discriminator '${issue.discriminator}'` };
    const tags = (issue.options ?? []).filter((option) => option !== null && option !== undefined).map((option) => `'${String(option)}'`);
    return {
      path: blockPath,
      message: `Input tag '${String(tag)}' found using '${issue.discriminator}' does not match any of the expected tags: ${tags.join(', ')}`,
    };
  }
  const firstOfEachBranch = issue.errors.map((branch) => branch[0]).filter((branchIssue) => branchIssue !== undefined);
  const deepest = firstOfEachBranch.reduce<Issue | undefined>(
    (best, candidate) => (best === undefined || candidate.path.length > best.path.length ? candidate : best),
    undefined,
  );
  if (deepest !== undefined && deepest.path.length > 0) return describeIssue(deepest, path);
  const expected = firstOfEachBranch.flatMap((branchIssue) => (branchIssue.code === 'invalid_type' ? [expectedName(branchIssue.expected)] : []));
  return { path, message: expected.length > 0 ? `Input should be ${listAlternatives(expected)}` : issue.message };
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a valid string';
    case 'number':
      return 'a valid number';
    case 'int':
      return 'a valid integer';
    case 'boolean':
      return 'a valid boolean';
    case 'array':
      return 'a valid list';
    case 'object':
    case 'record':
      return 'a valid dictionary';
    default:
      return `a valid ${expected}`;
  }
}

interface Bound {
  origin: string;
  direction: 'at least' | 'at most';
  bound: number;
  inclusive: boolean | undefined;
}

function describeBound({ origin, direction, bound, inclusive }: Bound): string {
  if (origin === 'array') return `List should have ${direction} ${bound} item${bound === 1 ? '' : 's'}`;
  if (origin === 'string') return `String should have ${direction} ${bound} character${bound === 1 ? '' : 's'}`;
  const relation = direction === 'at least' ? 'greater than' : 'less than';
  return `Input should be ${relation}${inclusive === false ? '' : ' or equal to'} ${bound}`;
}

function listAlternatives(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
