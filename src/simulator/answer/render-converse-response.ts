import type { Citation, CitationLocation } from '@aws-sdk/client-bedrock-runtime';
import type { ConverseContentBlock, ConverseResponseBody, Wire } from '../../bedrock/types.js';
import type { AnswerPlan, PlannedBlock, PlannedCitation } from './answer-plan.js';

/** The Converse JSON body: output, stopReason, usage, metrics, and the requested response fields. */
export function renderConverseResponse(plan: AnswerPlan): ConverseResponseBody {
  const response: ConverseResponseBody = {
    output: { message: { role: 'assistant', content: plan.blocks.map(renderBlock) } },
    stopReason: plan.stopReason,
    usage: plan.usage,
    metrics: { latencyMs: Math.max(1, plan.latencyMs) },
  };
  // A non-streamed message has no `delta`, so only `/stop_sequence` is filled (as recorded).
  if (plan.responseFieldPaths.stopSequence) response.additionalModelResponseFields = { stop_sequence: plan.stopSequence };
  return response;
}

export function renderBlock(block: PlannedBlock): ConverseContentBlock {
  switch (block.kind) {
    case 'text':
      return block.citations.length === 0
        ? { text: block.text }
        : { citationsContent: { content: [{ text: block.text }], citations: block.citations.map(renderCitation) } };
    case 'toolUse':
      return { toolUse: { toolUseId: block.toolUseId, name: block.name, input: block.input as ToolInput } };
    case 'reasoning':
      return { reasoningContent: { reasoningText: { text: block.text, signature: block.signature } } };
    case 'redactedReasoning':
      return { reasoningContent: { redactedContent: block.data } };
    default: {
      const unexpected: never = block;
      throw new Error(`unknown block ${JSON.stringify(unexpected)}`);
    }
  }
}

type ToolInput = NonNullable<ConverseContentBlock['toolUse']>['input'];

export function renderCitation(citation: PlannedCitation): Wire<Citation> {
  return { title: citation.title, sourceContent: [{ text: citation.citedText }], location: renderLocation(citation) };
}

function renderLocation(citation: PlannedCitation): Wire<CitationLocation> {
  const range = { documentIndex: citation.documentIndex, start: citation.start, end: citation.end };
  switch (citation.location) {
    case 'documentChar':
      return { documentChar: range };
    case 'documentPage':
      return { documentPage: range };
    case 'documentChunk':
      return { documentChunk: range };
    default: {
      const unexpected: never = citation.location;
      throw new Error(`unknown citation location ${String(unexpected)}`);
    }
  }
}
