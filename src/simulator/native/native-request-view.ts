import type { ConverseContentBlock, ConverseRequestBody, ConverseSystemBlock, ConverseTool } from '../../bedrock/types.js';
import { contentBlocks, isRecord, type NativeRequestBlock, type NativeRequestBody } from './native-request.js';

type ToolResultContent = NonNullable<NonNullable<ConverseContentBlock['toolResult']>['content']>[number];
type ConverseImage = NonNullable<ConverseContentBlock['image']>;
type ConverseDocument = NonNullable<ConverseContentBlock['document']>;

const cachePoint = { cachePoint: { type: 'default' } } as const;

/**
 * The native body as the Converse request that says the same thing, so that scripts, presets, the
 * input measure, the cache ledger and the answer planner serve InvokeModel unchanged. A
 * `cache_control` becomes a cache point right after its block, as the proxy's converter places it.
 */
export function nativeRequestView(body: NativeRequestBody): ConverseRequestBody {
  const view: ConverseRequestBody = {
    messages: body.messages.map((message) => ({ role: message.role, content: contentBlocks(message.content).flatMap(viewBlock) })),
    inferenceConfig: { maxTokens: body.max_tokens, ...(body.stop_sequences === undefined ? {} : { stopSequences: body.stop_sequences }) },
  };
  if (body.system !== undefined) view.system = contentBlocks(body.system).flatMap(viewSystemBlock);
  if (body.tools !== undefined && body.tools.length > 0) view.toolConfig = { tools: body.tools.flatMap(viewTool) };
  return view;
}

/** The block, followed by a cache point when its source carries `cache_control`. */
function withCachePoint<Block>(block: Block, source: NativeRequestBlock, point: Block): Block[] {
  return source['cache_control'] === undefined ? [block] : [block, point];
}

function viewSystemBlock(block: NativeRequestBlock): ConverseSystemBlock[] {
  return withCachePoint<ConverseSystemBlock>({ text: stringOf(block['text']) }, block, cachePoint);
}

function viewTool(tool: NativeRequestBlock): ConverseTool[] {
  const description = typeof tool['description'] === 'string' ? { description: tool['description'] } : {};
  const spec = { name: stringOf(tool['name']), ...description, inputSchema: { json: (tool['input_schema'] ?? {}) as DocumentValue } };
  return withCachePoint<ConverseTool>({ toolSpec: spec }, tool, cachePoint);
}

type DocumentValue = NonNullable<NonNullable<NonNullable<ConverseTool['toolSpec']>['inputSchema']>['json']>;

function viewBlock(block: NativeRequestBlock): ConverseContentBlock[] {
  const viewed = viewContent(block);
  return viewed === undefined ? [] : withCachePoint(viewed, block, cachePoint);
}

function viewContent(block: NativeRequestBlock): ConverseContentBlock | undefined {
  switch (block.type) {
    case 'text':
      return { text: stringOf(block['text']) };
    case 'image':
      return { image: viewImage(block) };
    case 'document':
      return { document: viewDocument(block) };
    case 'tool_use':
      return { toolUse: { toolUseId: stringOf(block['id']), name: stringOf(block['name']), input: (block['input'] ?? {}) as DocumentValue } };
    case 'tool_result':
      return {
        toolResult: {
          toolUseId: stringOf(block['tool_use_id']),
          content: contentBlocks(block['content']).flatMap(viewToolResultContent),
          status: block['is_error'] === true ? 'error' : 'success',
        },
      };
    case 'thinking':
      return { reasoningContent: { reasoningText: { text: stringOf(block['thinking']), signature: stringOf(block['signature']) } } };
    case 'redacted_thinking':
      return { reasoningContent: { redactedContent: stringOf(block['data']) } };
    default:
      // search_result and the like: not measured, as on the Converse side.
      return undefined;
  }
}

function viewToolResultContent(block: NativeRequestBlock): ToolResultContent[] {
  switch (block.type) {
    case 'text':
      return [{ text: stringOf(block['text']) }];
    case 'image':
      return [{ image: viewImage(block) }];
    case 'document':
      return [{ document: viewDocument(block) }];
    default:
      return [];
  }
}

function viewImage(block: NativeRequestBlock): ConverseImage {
  const source = isRecord(block['source']) ? block['source'] : {};
  const mediaType = stringOf(source['media_type']);
  return { format: (mediaType.split('/')[1] ?? 'png') as ConverseImage['format'], source: { bytes: stringOf(source['data']) } };
}

function viewDocument(block: NativeRequestBlock): ConverseDocument {
  const source = isRecord(block['source']) ? block['source'] : {};
  const name = { name: typeof block['title'] === 'string' ? block['title'] : undefined };
  switch (source['type']) {
    case 'text':
      return { ...name, format: 'txt', source: { text: stringOf(source['data']) } };
    case 'content':
      return { ...name, format: 'txt', source: { content: contentBlocks(source['content']).map((item) => ({ text: stringOf(item['text']) })) } };
    default:
      return { ...name, format: 'pdf', source: { bytes: stringOf(source['data']) } };
  }
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
