import { describe, expect, it } from 'vitest';
import type { ConverseContentBlock, ConverseMessage, ConverseRequestBody } from '../../src/bedrock/types.js';
import { anthropicAdditionalFields } from '../../src/simulator/validation/anthropic-additional-fields.js';
import { assistantMedia } from '../../src/simulator/validation/assistant-media.js';
import { cachePointLimit } from '../../src/simulator/validation/cache-point-limit.js';
import { cachePointNotAlone } from '../../src/simulator/validation/cache-point-not-alone.js';
import { conversationStartsWithUser } from '../../src/simulator/validation/conversation-starts-with-user.js';
import { documentLimits } from '../../src/simulator/validation/document-limits.js';
import { documentNameCharacters } from '../../src/simulator/validation/document-name-characters.js';
import { documentNeedsText } from '../../src/simulator/validation/document-needs-text.js';
import { messageContentNotEmpty } from '../../src/simulator/validation/message-content-not-empty.js';
import { rolesAlternate } from '../../src/simulator/validation/roles-alternate.js';
import { textNotBlank } from '../../src/simulator/validation/text-not-blank.js';
import { thinkingBudget } from '../../src/simulator/validation/thinking-budget.js';
import { toolChoiceConflict } from '../../src/simulator/validation/tool-choice-conflict.js';
import { toolChoiceTypeRequired } from '../../src/simulator/validation/tool-choice-type-required.js';
import { toolConfigRequired } from '../../src/simulator/validation/tool-config-required.js';
import { toolResultsAnswerToolUses } from '../../src/simulator/validation/tool-results-answer-tool-uses.js';
import { toolUseIdsUnique } from '../../src/simulator/validation/tool-use-ids-unique.js';
import type { ValidationRule } from '../../src/simulator/validation/validation-types.js';

const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const nova = 'us.amazon.nova-2-lite-v1:0';

const user = (...content: ConverseContentBlock[]): ConverseMessage => ({ role: 'user', content });
const assistant = (...content: ConverseContentBlock[]): ConverseMessage => ({ role: 'assistant', content });
const text = (value: string): ConverseContentBlock => ({ text: value });
const toolUse = (toolUseId: string, name = 'lookup'): ConverseContentBlock => ({ toolUse: { toolUseId, name, input: {} } });
const toolResult = (toolUseId: string): ConverseContentBlock => ({ toolResult: { toolUseId, content: [{ text: 'ok' }] } });
const cachePoint: ConverseContentBlock = { cachePoint: { type: 'default' } };
const document = (name: string): ConverseContentBlock => ({ document: { format: 'txt', name, source: { text: 'body' } } });
const image: ConverseContentBlock = { image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } };
const tools = { tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } }] };

type Case = [description: string, body: ConverseRequestBody, expected: string | undefined, modelId?: string];

function check(rule: ValidationRule, cases: Case[]): void {
  it.each(cases)('%s', (_description, body, expected, modelId = claude) => {
    expect(rule({ body, modelId })).toBe(expected);
  });
}

const alternateMessage =
  'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';

describe('conversationStartsWithUser', () => {
  const message = 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
  check(conversationStartsWithUser, [
    ['a user first message passes', { messages: [user(text('hi'))] }, undefined],
    ['missing messages fail', {}, message],
    ['empty messages fail', { messages: [] }, message],
    ['an assistant first message fails', { messages: [assistant(text('hi')), user(text('hi'))] }, message],
  ]);
});

describe('rolesAlternate', () => {
  check(rolesAlternate, [
    ['user, assistant, user passes', { messages: [user(text('a')), assistant(text('b')), user(text('c'))] }, undefined],
    ['two user messages in a row fail', { messages: [user(text('a')), user(text('b'))] }, alternateMessage],
    ['two assistant messages in a row fail', { messages: [user(text('a')), assistant(text('b')), assistant(text('c'))] }, alternateMessage],
  ]);
});

describe('messageContentNotEmpty', () => {
  check(messageContentNotEmpty, [
    ['non-empty content passes', { messages: [user(text('a'))] }, undefined],
    [
      'an assistant message with no blocks fails (recorded wording)',
      { messages: [user(text('a')), assistant(), user(text('c'))] },
      'The content field in the Message object at messages.1 is empty. Add a ContentBlock object to the content field and try again.',
    ],
  ]);
});

describe('textNotBlank', () => {
  check(textNotBlank, [
    ['text with content passes', { system: [{ text: 'be brief' }], messages: [user(text(' a '))] }, undefined],
    [
      'whitespace-only message text fails (recorded wording)',
      { messages: [user(text('a')), assistant(text('b')), user(text('ok'), text(' \n\t'))] },
      'The text field in the ContentBlock object at messages.2.content.1 is blank. Add text to the text field, and try again.',
    ],
    [
      'empty message text fails',
      { messages: [user(text(''))] },
      'The text field in the ContentBlock object at messages.0.content.0 is blank. Add text to the text field, and try again.',
    ],
    [
      'blank system text fails',
      { system: [{ text: 'fine' }, { text: '   ' }], messages: [user(text('a'))] },
      'The text field in the SystemContentBlock object at system.1 is blank. Add text to the text field, and try again.',
    ],
    [
      'blank tool result text fails',
      { messages: [user({ toolResult: { toolUseId: 't1', content: [{ text: '' }] } })] },
      'The text field in the ToolResultContentBlock object at messages.0.content.0.toolResult.content.0 is blank. Add text to the text field, and try again.',
    ],
  ]);
});

describe('cachePointNotAlone', () => {
  const message = 'There is nothing available to cache. Please remove the invalid cache point and try again.';
  check(cachePointNotAlone, [
    ['a cache point after assistant text passes', { messages: [user(text('a')), assistant(text('b'), cachePoint)] }, undefined],
    ['an assistant message of only a cache point fails (recorded wording)', { messages: [user(text('a')), assistant(cachePoint)] }, message],
  ]);
});

describe('cachePointLimit', () => {
  const withPoints = (count: number): ConverseRequestBody => ({
    system: [{ text: 's' }, { cachePoint: { type: 'default' } }],
    toolConfig: { tools: [...tools.tools, { cachePoint: { type: 'default' } }] },
    messages: [user(text('a'), ...Array.from({ length: count - 2 }, () => cachePoint))],
  });
  check(cachePointLimit, [
    ['four cache points across tools, system and messages pass', withPoints(4), undefined],
    [
      'five cache points fail',
      withPoints(5),
      'The model returned the following errors: A maximum of 4 blocks with cache_control may be provided. Found 5.',
    ],
  ]);
});

describe('toolConfigRequired', () => {
  const message = 'The toolConfig field must be defined when using toolUse and toolResult content blocks.';
  check(toolConfigRequired, [
    ['tool blocks with toolConfig pass', { toolConfig: tools, messages: [user(text('a')), assistant(toolUse('t1'))] }, undefined],
    ['no tool blocks and no toolConfig pass', { messages: [user(text('a'))] }, undefined],
    ['a toolUse without toolConfig fails', { messages: [user(text('a')), assistant(toolUse('t1'))] }, message],
    ['a toolResult without toolConfig fails', { messages: [user(toolResult('t1'))] }, message],
  ]);
});

describe('toolUseIdsUnique', () => {
  check(toolUseIdsUnique, [
    ['distinct ids pass', { messages: [user(text('a')), assistant(toolUse('t1'), toolUse('t2'))] }, undefined],
    ['the same id in two messages passes this rule', { messages: [assistant(toolUse('t1')), user(text('a')), assistant(toolUse('t1'))] }, undefined],
    [
      'a repeated id in one message fails (recorded wording)',
      { messages: [user(text('a')), assistant(text('b')), assistant(toolUse('tooluseAc'), toolUse('tooluseAc'))] },
      'The toolUse blocks at messages.2.content contain duplicate Ids: tooluseAc',
    ],
  ]);
});

describe('toolResultsAnswerToolUses', () => {
  check(toolResultsAnswerToolUses, [
    [
      'every toolUse answered in the next message passes',
      { messages: [user(text('a')), assistant(toolUse('t1'), toolUse('t2')), user(toolResult('t2'), toolResult('t1'))] },
      undefined,
    ],
    ['a toolUse in the last message needs no answer yet', { messages: [user(text('a')), assistant(toolUse('t1'))] }, undefined],
    [
      'a missing toolResult fails',
      { messages: [user(text('a')), assistant(toolUse('t1'), toolUse('t2')), user(toolResult('t1'))] },
      'Expected toolResult blocks at messages.2.content for the following Ids: t2',
    ],
    [
      'a toolResult for an unknown id fails',
      { messages: [user(text('a')), assistant(toolUse('t1')), user(toolResult('t1'), toolResult('t9'))] },
      'The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.',
    ],
  ]);
});

describe('documentNameCharacters', () => {
  const message =
    "The document file name can only contain alphanumeric characters, whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than one consecutive whitespace character. Check that the file name conforms to these restrictions and retry your request.";
  const named = (name: string): ConverseRequestBody => ({ messages: [user(document(name), text('read it'))] });
  check(documentNameCharacters, [
    ['letters, digits, single spaces, hyphens, brackets pass', named('Report 2026 - Q1 (draft) [v2]'), undefined],
    ...(["John's report", 'invoice #123', 'a&b', 'report,2026', 'résumé', '분기보고서', 'Report -  Final', 'a\tb'].map(
      (name): Case => [`the recorded rejected name ${JSON.stringify(name)} fails`, named(name), message],
    )),
  ]);
});

describe('assistantMedia', () => {
  check(assistantMedia, [
    ['an image in a user message passes', { messages: [user(image, text('look'))] }, undefined],
    [
      'an image in an assistant message fails',
      { messages: [user(text('a')), assistant(image)] },
      "The model returned the following errors: messages.1.content: 'image' blocks are not permitted within assistant turns.",
    ],
    [
      'a document in an assistant message fails',
      { messages: [user(text('a')), assistant(text('b'), document('notes'))] },
      "The model returned the following errors: messages.1.content: 'document' blocks are not permitted within assistant turns.",
    ],
  ]);
});

describe('documentNeedsText', () => {
  check(documentNeedsText, [
    ['a document with a text block passes', { messages: [user(document('notes'), text('summarise'))] }, undefined],
    ['a document alone fails', { messages: [user(document('notes'))] }, 'A text block must be included when using documents.'],
  ]);
});

describe('documentLimits', () => {
  const documents = (count: number): ConverseRequestBody => ({
    messages: [user(...Array.from({ length: count }, (_, index) => document(`doc ${index}`)), text('read'))],
  });
  check(documentLimits, [
    ['five documents pass', documents(5), undefined],
    ['six documents fail', documents(6), "You can't include more than 5 documents in a request."],
    [
      'two documents with one name fail',
      { messages: [user(document('notes'), text('a')), assistant(text('b')), user(document('notes'), text('c'))] },
      "Messages can't contain duplicate document names.",
    ],
  ]);
});

describe('toolChoiceConflict', () => {
  check(toolChoiceConflict, [
    ['toolChoice alone passes', { toolConfig: { ...tools, toolChoice: { auto: {} } } }, undefined],
    ['additional tool_choice alone passes', { toolConfig: tools, additionalModelRequestFields: { tool_choice: { type: 'auto' } } }, undefined],
    [
      'both carriers fail (recorded wording)',
      {
        toolConfig: { ...tools, toolChoice: { auto: {} } },
        additionalModelRequestFields: { tool_choice: { type: 'auto', disable_parallel_tool_use: true } },
      },
      'The additional field tool_choice/type conflicts with the existing field toolConfig.toolChoice.auto. Remove tool_choice/type and try again.',
    ],
    [
      'the message names the toolChoice member in use',
      { toolConfig: { ...tools, toolChoice: { any: {} } }, additionalModelRequestFields: { tool_choice: { type: 'any' } } },
      'The additional field tool_choice/type conflicts with the existing field toolConfig.toolChoice.any. Remove tool_choice/type and try again.',
    ],
  ]);
});

describe('toolChoiceTypeRequired', () => {
  check(toolChoiceTypeRequired, [
    ['tool_choice with a type passes', { additionalModelRequestFields: { tool_choice: { type: 'auto' } } }, undefined],
    [
      'tool_choice without a type fails',
      { additionalModelRequestFields: { tool_choice: { disable_parallel_tool_use: true } } },
      'The model returned the following errors: tool_choice.type: Field required',
    ],
    ['non-Anthropic models are not checked', { additionalModelRequestFields: { tool_choice: {} } }, undefined, nova],
  ]);
});

describe('anthropicAdditionalFields', () => {
  check(anthropicAdditionalFields, [
    [
      'the permitted keys pass',
      {
        additionalModelRequestFields: {
          anthropic_beta: ['interleaved-thinking-2025-05-14'],
          thinking: { type: 'adaptive' },
          top_k: 5,
          tool_choice: { type: 'auto' },
          output_config: { effort: 'high' },
          context_management: { edits: [] },
        },
      },
      undefined,
    ],
    [
      'an unknown key fails with the model wording',
      { additionalModelRequestFields: { top_k: 5, defer_loading: true } },
      'The model returned the following errors: defer_loading: Extra inputs are not permitted',
    ],
    ['non-Anthropic models are not checked', { additionalModelRequestFields: { inferenceConfig: { topK: 5 } } }, undefined, nova],
  ]);
});

describe('thinkingBudget', () => {
  const thinking = (budget: number, maxTokens: number): ConverseRequestBody => ({
    inferenceConfig: { maxTokens },
    additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: budget } },
  });
  check(thinkingBudget, [
    ['a budget of 1024 under maxTokens passes', thinking(1024, 2048), undefined],
    ['adaptive thinking has no budget to check', { additionalModelRequestFields: { thinking: { type: 'adaptive' } } }, undefined],
    [
      'a budget under 1024 fails',
      thinking(1023, 4096),
      'The model returned the following errors: thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
    ],
    [
      'a budget equal to maxTokens fails',
      thinking(2048, 2048),
      'The model returned the following errors: `max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    ],
  ]);
});
