import { z } from 'zod';

/**
 * Content blocks of the Anthropic Messages API as clients send them, including blocks echoed back
 * from responses. Blocks Bedrock Converse cannot carry parse loosely, so the converter can refuse
 * them by name instead of the schema calling them unknown.
 */

export const cacheControlSchema = z
  .strictObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullish();

export const integer = z.number().int();

export const citationParamSchema = z.discriminatedUnion('type', [
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

export const textBlockSchema = z.strictObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControlSchema,
  citations: z.array(citationParamSchema).nullish(),
});

export const imageBlockSchema = z.strictObject({
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

export const documentBlockSchema = z.strictObject({
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

export const searchResultBlockSchema = z.strictObject({
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

export const toolUseBlockSchema = z.strictObject({
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

export const unsupportedBlockSchema = z.looseObject({ type: z.enum(unsupportedBlockTypes) });

export const toolResultBlockSchema = z.strictObject({
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

export const contentBlockSchema = z.discriminatedUnion('type', [
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
