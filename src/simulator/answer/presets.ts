import type { ConverseRequestBody } from '../../bedrock/types.js';
import type { MockScript } from '../script.js';
import { isStreamingOperation, type SimulatorOperation } from '../operations.js';
import { exampleToolInput } from './example-tool-input.js';

export interface PresetContext {
  /** The request as Converse would carry it (native bodies are viewed through `nativeRequestView`). */
  body: ConverseRequestBody;
  operation: SimulatorOperation;
}

/** A script, or why the request cannot use this preset (answered as a ValidationException). */
export type PresetResult = { script: MockScript } | { problem: string };

type Preset = (context: PresetContext) => PresetResult;

const defaultMaxTokens = 4096;
const filler = 'The simulator keeps talking so that this answer runs past the token limit. ';

const presets = {
  text: () => ({ script: { content: [{ text: 'This is a scripted answer from the Bedrock simulator.' }] } }),
  tool_use: ({ body }) => {
    const spec = body.toolConfig?.tools?.find((tool) => tool.toolSpec !== undefined)?.toolSpec;
    const name = spec?.name ?? 'get_weather';
    const input = spec === undefined ? { location: 'Paris' } : exampleToolInput(spec.inputSchema?.json);
    return { script: { content: [{ text: `I will call ${name}.` }, { toolUse: { name, input } }] } };
  },
  thinking: () => ({
    script: {
      content: [
        { reasoning: 'The user wants an answer. I will think it through step by step before replying.' },
        { text: 'Here is my answer after thinking it through.' },
      ],
    },
  }),
  redacted_thinking: () => ({
    script: {
      content: [
        { redactedReasoning: Buffer.from('opaque reasoning bytes from the Bedrock simulator').toString('base64') },
        { text: 'Here is my answer; my reasoning was redacted.' },
      ],
    },
  }),
  citations: ({ body }) => {
    const citedText = firstDocumentText(body) ?? 'the cited passage';
    return {
      script: {
        content: [
          { text: 'According to the document, ' },
          { text: citedText, citations: [{ citedText, documentIndex: 0, start: 0, end: citedText.length }] },
          { text: '.' },
        ],
      },
    };
  },
  stop_sequence: ({ body }) => {
    const sequence = body.inferenceConfig?.stopSequences?.[0];
    if (sequence === undefined) return { problem: 'the stop_sequence preset needs inferenceConfig.stopSequences' };
    return { script: { content: [{ text: `Counting: one, two, ${sequence} three, four.` }] } };
  },
  max_tokens: ({ body }) => {
    const limit = (body.inferenceConfig?.maxTokens ?? defaultMaxTokens) * 4 + filler.length;
    return { script: { content: [{ text: filler.repeat(Math.ceil(limit / filler.length)) }] } };
  },
  cache: () => ({
    script: {
      content: [{ text: 'This answer reports prompt-cache usage.' }],
      usage: { cacheReadInputTokens: 1024, cacheWriteInputTokens: 512, cacheDetails: [{ ttl: '5m', inputTokens: 512 }] },
    },
  }),
  throttle: () => ({ script: { error: { name: 'ThrottlingException' } } }),
  unavailable: () => ({ script: { error: { name: 'ServiceUnavailableException' } } }),
  internal_error: () => ({ script: { error: { name: 'InternalServerException' } } }),
  model_timeout: () => ({ script: { error: { name: 'ModelTimeoutException' } } }),
  stream_exception: ({ operation }) =>
    isStreamingOperation(operation)
      ? {
          script: {
            content: [{ text: 'This answer is cut short by a model stream error.' }],
            streamException: { name: 'modelStreamErrorException', afterEvents: 3 },
          },
        }
      : { script: { error: { name: 'ModelErrorException' } } },
  slow: () => ({ script: { content: [{ text: 'This answer took its time.' }], latencyMs: 1500 } }),
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

export const presetNames = Object.keys(presets) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(presets, name);
}

export function buildPreset(name: PresetName, context: PresetContext): PresetResult {
  const preset: Preset = presets[name];
  return preset(context);
}

function firstDocumentText(body: ConverseRequestBody): string | undefined {
  for (const message of body.messages ?? []) {
    for (const block of message.content ?? []) {
      const source = block.document?.source;
      if (source === undefined) continue;
      const text = source.text ?? source.content?.find((item) => item.text !== undefined)?.text;
      return text === undefined || text.trim().length === 0 ? undefined : text.trim().slice(0, 120);
    }
  }
  return undefined;
}
