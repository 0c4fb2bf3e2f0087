import type {
  ConverseContentBlock,
  ConverseRequestBody,
  ConverseResponseBody,
  ConverseStreamEvent,
} from '../bedrock/types.js';

/**
 * Named parts of the Converse wire shapes, taken from the aliases in src/bedrock/types.ts so that
 * the converters depend on one description of the wire format.
 */
type Member<Union, Key extends PropertyKey> = NonNullable<Union extends { [K in Key]?: infer Value } ? Value : never>;
type StreamPayload<Key extends PropertyKey> = Extract<ConverseStreamEvent, { [K in Key]: unknown }> extends { [K in Key]: infer Payload } ? Payload : never;

export type ConverseImage = Member<ConverseContentBlock, 'image'>;
export type ConverseDocument = Member<ConverseContentBlock, 'document'>;
export type ConverseDocumentContent = Member<Member<ConverseDocument, 'source'>, 'content'>[number];
export type ConverseSearchResult = Member<ConverseContentBlock, 'searchResult'>;
export type ConverseToolResultContent = Member<Member<ConverseContentBlock, 'toolResult'>, 'content'>[number];
export type ConverseCitation = Member<Member<ConverseContentBlock, 'citationsContent'>, 'citations'>[number];
export type ConverseInferenceConfig = Member<ConverseRequestBody, 'inferenceConfig'>;
export type ConverseOutputConfig = Member<ConverseRequestBody, 'outputConfig'>;
export type ConverseToolChoice = Member<Member<ConverseRequestBody, 'toolConfig'>, 'toolChoice'>;
export type ConverseDocumentValue = Member<ConverseRequestBody, 'additionalModelRequestFields'>;
export type ConverseUsage = Member<ConverseResponseBody, 'usage'>;
export type ConverseServiceTier = Member<ConverseResponseBody, 'serviceTier'>;
export type ConverseStopReason = Member<ConverseResponseBody, 'stopReason'>;
export type ConverseBlockStart = StreamPayload<'contentBlockStart'>;
export type ConverseBlockDelta = StreamPayload<'contentBlockDelta'>;
export type ConverseBlockStop = StreamPayload<'contentBlockStop'>;
export type ConverseCitationDelta = Member<Member<ConverseBlockDelta, 'delta'>, 'citation'>;
