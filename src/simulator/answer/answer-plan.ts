import type { TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { Wire } from '../../bedrock/types.js';
import type { StreamFaults } from '../faults/stream-faults.js';
import type { BedrockStopReason, MockScript } from '../script.js';

export interface PlannedCitation {
  title: string;
  citedText: string;
  documentIndex: number;
  location: 'documentChar' | 'documentPage' | 'documentChunk';
  start: number;
  end: number;
}

export type PlannedBlock =
  | { kind: 'text'; text: string; citations: PlannedCitation[] }
  | { kind: 'toolUse'; toolUseId: string; name: string; input: unknown }
  | { kind: 'reasoning'; text: string; signature: string }
  | { kind: 'redactedReasoning'; data: string };

/** Everything an answer needs, decided once; the JSON body and the stream events are both rendered from it. */
export interface AnswerPlan {
  blocks: PlannedBlock[];
  stopReason: BedrockStopReason;
  /** The matched stop sequence (null unless stopReason is `stop_sequence`). */
  stopSequence: string | null;
  usage: Wire<TokenUsage>;
  /** Delay before the response or the first stream event. */
  latencyMs: number;
  eventDelayMs: number;
  deltaSize: number;
  /** Which `additionalModelResponseFieldPaths` the request asked for that the simulator fills. */
  responseFieldPaths: { stopSequence: boolean; deltaStopSequence: boolean };
  streamException: MockScript['streamException'];
  /** Absent: none. */
  streamFaults?: StreamFaults;
}
