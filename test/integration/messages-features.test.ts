import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { comparableMessage } from '../support/comparable-message.js';
import { scripted, scriptedMessages } from '../support/mock-script.js';
import { apisAndSdks, clientOf, useTestProxiesForBothApis } from '../support/both-apis.js';

const stacks = useTestProxiesForBothApis();

const model = 'claude-sonnet-4-5';
type Params = Anthropic.MessageCreateParamsNonStreaming;
type AnyMessage = Anthropic.Message;

/** Sends the same scripted request streamed and not, and checks the SDK's accumulated stream equals the plain answer. */
async function bothWays(client: Anthropic, params: Params): Promise<AnyMessage> {
  const plain = await client.messages.create(params);
  const streamed = await client.messages.stream(params).finalMessage();
  expect(comparableMessage(streamed)).toEqual(comparableMessage(plain));
  return plain;
}

const weatherTool = {
  name: 'get_weather',
  description: 'Weather by city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

/** The fields these tests read from what Bedrock received, on either API. */
interface SentBody {
  toolConfig: { tools: Array<{ toolSpec: { name: string } }> };
  tools: Array<{ name: string }>;
  system: unknown[];
  messages: Array<{ content: unknown[] }>;
}

/** Text blocks: Converse answers carry `citations: null`; InvokeModel answers are Bedrock's own blocks. */
const textBlock = (api: string, text: string) => ({ type: 'text', text, ...(api === 'converse' ? { citations: null } : {}) });

describe.each(apisAndSdks)('features through %s with the %s SDK, streamed and not', (api, sdk) => {
  const stack = () => stacks[api];
  const client = () => clientOf(stacks[api], sdk);
  const sent = () => stack().simulator.calls.at(-1)!.body as SentBody;
  it('tool use, and a second turn with its result', async () => {
    const script = { content: [{ text: 'Checking.' }, { toolUse: { name: 'get_weather', input: { city: 'Oslo' } } }] };
    const first = await bothWays(client(), { model, max_tokens: 200, tools: [weatherTool], messages: scriptedMessages(script) });
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content[1] as Anthropic.ToolUseBlock;
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Oslo' } });
    expect(toolUse.id).toMatch(api === 'converse' ? /^tooluse_/ : /^toolu_bdrk_/);

    const second = await bothWays(client(), {
      model,
      max_tokens: 200,
      tools: [weatherTool],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      messages: [
        ...scriptedMessages(script),
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '12°C, rain' }, { type: 'text', text: scripted({ content: [{ text: 'It is 12°C and raining.' }] }) }] },
      ],
    });
    expect(second.content).toEqual([textBlock(api, 'It is 12°C and raining.')]);
  });

  it('a tool name longer than Bedrock allows comes back as the client named it', async () => {
    const longName = `lookup_${'customer_record_'.repeat(6)}by_id`;
    expect(longName.length).toBeGreaterThan(64);
    const tool = { ...weatherTool, name: longName };
    const message = await bothWays(client(), {
      model,
      max_tokens: 200,
      tools: [tool],
      tool_choice: { type: 'tool', name: longName },
      messages: scriptedMessages('tool_use'),
    });
    expect((message.content.find((block) => block.type === 'tool_use') as Anthropic.ToolUseBlock).name).toBe(longName);
    // Converse allows 64 characters, so the name is shortened there; InvokeModel takes Anthropic's 128.
    if (api === 'converse') expect(sent().toolConfig.tools[0]!.toolSpec.name.length).toBeLessThanOrEqual(64);
    else expect(sent().tools[0]!.name).toBe(longName);
  });

  it('thinking with its signature', async () => {
    const message = await bothWays(client(), {
      model,
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2000 },
      messages: scriptedMessages({ content: [{ reasoning: 'Let me think.', signature: 'sig-123' }, { text: 'Done.' }] }),
    });
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Let me think.', signature: 'sig-123' },
      textBlock(api, 'Done.'),
    ]);
  });

  it('redacted thinking', async () => {
    const data = Buffer.from('opaque reasoning bytes').toString('base64');
    const message = await bothWays(client(), {
      model,
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2000 },
      messages: scriptedMessages({ content: [{ redactedReasoning: data }, { text: 'Answer.' }] }),
    });
    expect(message.content[0]).toEqual({ type: 'redacted_thinking', data });
  });

  it('citations into a document', async () => {
    const message = await bothWays(client(), {
      model,
      max_tokens: 400,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', title: 'Field notes', source: { type: 'text', media_type: 'text/plain', data: 'The sky is blue. Grass is green.' }, citations: { enabled: true } },
            { type: 'text', text: 'What colour is the sky?' },
            { type: 'text', text: scripted({ content: [{ text: 'The sky is blue.', citations: [{ citedText: 'The sky is blue.', start: 0, end: 16 }] }] }) },
          ],
        },
      ],
    });
    const block = message.content[0] as Anthropic.TextBlock;
    expect(block.text).toBe('The sky is blue.');
    expect(block.citations).toEqual([
      expect.objectContaining({ type: 'char_location', cited_text: 'The sky is blue.', document_index: 0, start_char_index: 0, end_char_index: 16 }),
    ]);
  });

  it('the matched stop sequence', async () => {
    const message = await bothWays(client(), {
      model,
      max_tokens: 400,
      stop_sequences: ['###', 'END'],
      messages: scriptedMessages({ content: [{ text: 'First part END second part' }] }),
    });
    expect(message.stop_reason).toBe('stop_sequence');
    expect(message.stop_sequence).toBe('END');
    expect(message.content).toEqual([textBlock(api, 'First part ')]);
  });

  it('max_tokens', async () => {
    const message = await bothWays(client(), { model, max_tokens: 5, messages: scriptedMessages({ content: [{ text: 'word '.repeat(100) }] }) });
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage.output_tokens).toBeLessThanOrEqual(5);
  });

  it('cache usage', async () => {
    const usage = { inputTokens: 12, outputTokens: 7, cacheReadInputTokens: 3000, cacheWriteInputTokens: 1500 };
    const message = await bothWays(client(), {
      model,
      max_tokens: 100,
      system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
      messages: scriptedMessages({ content: [{ text: 'ok' }], usage }),
    });
    expect(message.usage).toMatchObject({ input_tokens: 12, output_tokens: 7, cache_read_input_tokens: 3000, cache_creation_input_tokens: 1500 });
    expect(sent().system).toEqual(
      api === 'converse'
        ? [{ text: 'You are terse.' }, { cachePoint: { type: 'default' } }]
        : [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
    );
  });

  it('an image and a PDF document', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const pdf = Buffer.from('%PDF-1.4 minimal').toString('base64');
    await bothWays(client(), {
      model,
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf } },
            { type: 'text', text: 'Describe both.' },
          ],
        },
      ],
    });
    expect(sent().messages[0]!.content.slice(0, 2)).toEqual(
      api === 'converse'
        ? [{ image: { format: 'png', source: { bytes: png } } }, { document: { format: 'pdf', name: 'document-1', source: { bytes: pdf } } }]
        : [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf } },
          ],
    );
  });
});

describe('tool_choice reaches Bedrock Converse in a form it accepts', () => {
  const stack = stacks.converse;
  const withHistory = [
    { role: 'user' as const, content: 'Weather in Oslo?' },
    { role: 'assistant' as const, content: [{ type: 'tool_use' as const, id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } }] },
    { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 'toolu_1', content: '12°C' }, { type: 'text' as const, text: scripted({ content: [{ text: 'It is 12°C.' }] }) }] },
  ];
  it.each([
    ['auto', { type: 'auto' }, scriptedMessages('text'), { toolChoice: { auto: {} } }, undefined],
    ['any', { type: 'any' }, scriptedMessages('tool_use'), { toolChoice: { any: {} } }, undefined],
    ['tool', { type: 'tool', name: 'get_weather' }, scriptedMessages('tool_use'), { toolChoice: { tool: { name: 'get_weather' } } }, undefined],
    ['any without parallel calls', { type: 'any', disable_parallel_tool_use: true }, scriptedMessages('tool_use'), {}, { type: 'any', disable_parallel_tool_use: true }],
    ['none with tool history', { type: 'none' }, withHistory, {}, { type: 'none' }],
  ] as const)('%s', async (_name, toolChoice, messages, expectedToolConfig, expectedAdditional) => {
    const message = await stack.client.messages.create({ model, max_tokens: 200, tools: [weatherTool], tool_choice: toolChoice as Anthropic.ToolChoice, messages: messages as Anthropic.MessageParam[] });
    expect(message.type).toBe('message');
    const sent = stack.simulator.calls.at(-1)!.body as { toolConfig: Record<string, unknown>; additionalModelRequestFields?: { tool_choice?: unknown } };
    expect(sent.toolConfig).toMatchObject(expectedToolConfig);
    if (!('toolChoice' in expectedToolConfig)) expect(sent.toolConfig.toolChoice).toBeUndefined();
    expect(sent.additionalModelRequestFields?.tool_choice).toEqual(expectedAdditional);
  });

  it('none without tool history leaves the tools out entirely', async () => {
    await stack.client.messages.create({ model, max_tokens: 200, tools: [weatherTool], tool_choice: { type: 'none' }, messages: scriptedMessages('text') });
    const sent = stack.simulator.calls.at(-1)!.body as { toolConfig?: unknown };
    expect(sent.toolConfig).toBeUndefined();
  });
});

describe('tool_choice reaches Bedrock InvokeModel as the client sent it', () => {
  const stack = stacks.invoke;
  it.each([
    { type: 'auto' },
    { type: 'any', disable_parallel_tool_use: true },
    { type: 'tool', name: 'get_weather' },
  ] as const)('%j', async (toolChoice) => {
    await stack.client.messages.create({ model, max_tokens: 200, tools: [weatherTool], tool_choice: toolChoice, messages: scriptedMessages('tool_use') });
    const sent = stack.simulator.calls.at(-1)!.body as { tool_choice: unknown; tools: unknown[] };
    expect(sent.tool_choice).toEqual(toolChoice);
    expect(sent.tools).toEqual([weatherTool]);
  });
});
