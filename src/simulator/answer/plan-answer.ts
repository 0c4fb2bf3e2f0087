import type { TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { ConverseRequestBody, Wire } from '../../bedrock/types.js';
import { streamFaultsOf } from '../faults/stream-faults.js';
import { guardrailBlockedMessage } from '../guardrail/guardrail-script.js';
import type { MockBlock, MockCitation, MockScript } from '../script.js';
import type { AnswerPlan, PlannedBlock, PlannedCitation } from './answer-plan.js';
import { applyOutputLimits } from './apply-output-limits.js';
import type { InputMeasure } from './measure-input.js';

/** Where generated ids and signatures come from (random in the server, fixed in tests). */
export interface AnswerRandom {
  toolUseId(): string;
  signature(): string;
}

export interface PlanAnswerOptions {
  script: MockScript;
  body: ConverseRequestBody;
  lastUserText: string;
  input: InputMeasure;
  /** Whether this simulator already answered a request with the same cache prefix. */
  cachePrefixSeen: boolean;
  random: AnswerRandom;
}

// Used when the request sets no maxTokens, so that an endless scripted answer still ends.
const defaultMaxTokens = 4096;
const defaultDeltaSize = 8;

export function planAnswer(options: PlanAnswerOptions): AnswerPlan {
  const { script, body } = options;
  const documentTitle = firstDocumentName(body) ?? 'document';
  const content = script.guardrail === 'intervene' ? [{ text: guardrailBlockedMessage }] : (script.content ?? echo(options.lastUserText));
  const planned = content.map((block) => planBlock(block, documentTitle, options.random));
  const maxTokens = body.inferenceConfig?.maxTokens ?? defaultMaxTokens;
  const limited = applyOutputLimits(planned, { stopSequences: body.inferenceConfig?.stopSequences ?? [], maxTokens });
  const stopReason =
    script.stopReason ??
    (script.guardrail === 'intervene' ? 'guardrail_intervened' : undefined) ??
    limited.stopReason ??
    (limited.blocks.some((block) => block.kind === 'toolUse') ? 'tool_use' : 'end_turn');
  const outputTokens = limited.stopReason === 'max_tokens' ? maxTokens : Math.max(1, Math.ceil(limited.outputCharacters / 4));
  const paths = body.additionalModelResponseFieldPaths ?? [];
  return {
    blocks: limited.blocks,
    stopReason,
    stopSequence: stopReason === 'stop_sequence' ? (script.stopSequence ?? limited.stopSequence) : null,
    usage: planUsage(options, outputTokens),
    latencyMs: script.latencyMs ?? 0,
    eventDelayMs: script.eventDelayMs ?? 0,
    deltaSize: script.deltaSize ?? defaultDeltaSize,
    responseFieldPaths: { stopSequence: paths.includes('/stop_sequence'), deltaStopSequence: paths.includes('/delta/stop_sequence') },
    streamException: script.streamException,
    streamFaults: streamFaultsOf(script),
  };
}

function echo(lastUserText: string): MockBlock[] {
  return [{ text: `Hello from the Bedrock simulator. You said: ${lastUserText.slice(0, 200)}` }];
}

function planBlock(block: MockBlock, documentTitle: string, random: AnswerRandom): PlannedBlock {
  if ('toolUse' in block) {
    const { name, input, toolUseId } = block.toolUse;
    return { kind: 'toolUse', toolUseId: toolUseId ?? random.toolUseId(), name, input: input ?? {} };
  }
  if ('reasoning' in block) return { kind: 'reasoning', text: block.reasoning, signature: block.signature ?? random.signature() };
  if ('redactedReasoning' in block) return { kind: 'redactedReasoning', data: block.redactedReasoning };
  return { kind: 'text', text: block.text, citations: (block.citations ?? []).map((citation) => planCitation(citation, documentTitle)) };
}

function planCitation(citation: MockCitation, documentTitle: string): PlannedCitation {
  const location = citation.location ?? 'documentChar';
  const start = citation.start ?? 0;
  return {
    title: citation.title ?? documentTitle,
    citedText: citation.citedText,
    documentIndex: citation.documentIndex ?? 0,
    location,
    start,
    end: citation.end ?? (location === 'documentChar' ? start + citation.citedText.length : start + 1),
  };
}

/** Scripted numbers win; otherwise estimates, and cache reads/writes for a request with cache points. */
function planUsage({ script, input, cachePrefixSeen }: PlanAnswerOptions, estimatedOutput: number): Wire<TokenUsage> {
  const scripted = script.usage;
  const totalInput = Math.max(1, Math.ceil(input.characters / 4));
  let inputTokens = scripted?.inputTokens ?? totalInput;
  let cacheRead = scripted?.cacheReadInputTokens ?? 0;
  let cacheWrite = scripted?.cacheWriteInputTokens ?? 0;
  if (scripted === undefined && input.cachePrefix !== undefined) {
    const prefixTokens = Math.max(1, Math.ceil(input.cachePrefix.characters / 4));
    inputTokens = Math.max(1, Math.ceil((input.characters - input.cachePrefix.characters) / 4));
    if (cachePrefixSeen) cacheRead = prefixTokens;
    else cacheWrite = prefixTokens;
  }
  const outputTokens = scripted?.outputTokens ?? estimatedOutput;
  const usage: Wire<TokenUsage> = {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens + cacheRead + cacheWrite,
  };
  if (cacheRead > 0) usage.cacheReadInputTokens = cacheRead;
  if (cacheWrite > 0) usage.cacheWriteInputTokens = cacheWrite;
  if (scripted?.cacheDetails !== undefined) usage.cacheDetails = scripted.cacheDetails;
  return usage;
}

function firstDocumentName(body: ConverseRequestBody): string | undefined {
  for (const message of body.messages ?? []) {
    for (const block of message.content ?? []) if (block.document?.name !== undefined) return block.document.name;
  }
  return undefined;
}
