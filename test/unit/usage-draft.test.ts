import { describe, expect, it } from 'vitest';
import { createUsageDraft, observeStreamEvents, recordReportedUsage, toUsageRecord, type UsageOutcome } from '../../src/server/usage-draft.js';

const outcome: UsageOutcome = {
  keyId: 'key_abc',
  requestId: 'req_1',
  receivedAt: new Date('2026-11-28T10:00:00.000Z'),
  startedAt: 1000,
  endedAt: 1250.4,
  status: 200,
  clientGone: false,
  userAgent: 'claude-cli/2.1.332',
  claudeCodeSessionId: 'session-1',
};

describe('usage records', () => {
  it('carry what Bedrock reported for a non-streamed answer', () => {
    const draft = createUsageDraft();
    Object.assign(draft, { model: 'claude-sonnet-4-5', bedrockModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', api: 'converse' });
    recordReportedUsage(draft, { input_tokens: 12, output_tokens: 34, cache_read_input_tokens: 100, cache_creation_input_tokens: 50 });
    expect(toUsageRecord(draft, outcome)).toEqual({
      keyId: 'key_abc',
      timestamp: '2026-11-28T10:00:00.000Z',
      requestId: 'req_1',
      model: 'claude-sonnet-4-5',
      bedrockModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      api: 'converse',
      inputTokens: 12,
      outputTokens: 34,
      cacheReadInputTokens: 100,
      cacheWriteInputTokens: 50,
      tokensEstimated: false,
      latencyMs: 250,
      status: 200,
      success: true,
      stream: false,
      userAgent: 'claude-cli/2.1.332',
      claudeCodeSessionId: 'session-1',
    });
  });

  it('take a stream\'s usage from message_delta and its first token time from the first delta', () => {
    const draft = createUsageDraft();
    draft.stream = true;
    draft.streamStarted = true;
    observeStreamEvents(draft, [{ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } }]);
    observeStreamEvents(draft, [
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null, container: null }, usage: { input_tokens: 7, output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, server_tool_use: null, output_tokens_details: null } },
    ]);
    const record = toUsageRecord(draft, { ...outcome, startedAt: draft.firstTokenAt! - 40 });
    expect(record).toMatchObject({ inputTokens: 7, outputTokens: 3, tokensEstimated: false, stream: true, timeToFirstTokenMs: 40, success: true });
  });

  it('estimate the tokens of a stream the client left before usage arrived, and mark it 499', () => {
    const draft = createUsageDraft();
    draft.stream = true;
    draft.streamStarted = true;
    draft.measureInput = () => 400;
    observeStreamEvents(draft, [
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'abcd' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'efghijkl' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"a"' } },
    ]);
    expect(toUsageRecord(draft, { ...outcome, clientGone: true })).toMatchObject({
      inputTokens: 100,
      outputTokens: 4,
      tokensEstimated: true,
      status: 499,
      errorType: 'client_closed',
      success: false,
    });
  });

  it('record a refused request with no tokens and its error type', () => {
    const draft = createUsageDraft();
    draft.errorType = 'authentication_error';
    expect(toUsageRecord(draft, { ...outcome, keyId: 'unauthenticated', status: 401 })).toMatchObject({
      keyId: 'unauthenticated',
      inputTokens: 0,
      outputTokens: 0,
      tokensEstimated: false,
      status: 401,
      errorType: 'authentication_error',
      success: false,
    });
  });

  it('count a stream broken by a Bedrock error as failed even though its status was 200', () => {
    const draft = createUsageDraft();
    draft.stream = true;
    draft.streamStarted = true;
    draft.errorType = 'overloaded_error';
    expect(toUsageRecord(draft, outcome)).toMatchObject({ status: 200, success: false, errorType: 'overloaded_error', tokensEstimated: true });
  });

  it('cap the strings a client chose, so a record always fits a DynamoDB item', () => {
    const draft = createUsageDraft();
    draft.model = 'm'.repeat(1_000_000);
    const record = toUsageRecord(draft, { ...outcome, userAgent: 'u'.repeat(10_000), claudeCodeSessionId: 's'.repeat(10_000) });
    expect([record.model?.length, record.userAgent?.length, record.claudeCodeSessionId?.length]).toEqual([256, 256, 128]);
  });
});
