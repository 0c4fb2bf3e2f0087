import { describe, expect, it } from 'vitest';
import { converseStreamBody } from '../../src/bedrock/converse-stream-body.js';
import { guardrailHeaders } from '../../src/bedrock/guardrail-headers.js';
import { guardrailSettingsSchema } from '../../src/bedrock/guardrail-settings.js';
import type { GuardrailSettings } from '../../src/bedrock/types.js';
import { convertGuardrailConfig } from '../../src/convert/convert-guardrail-config.js';
import { convertRequestToConverse } from '../../src/convert/convert-request-to-converse.js';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import { claude } from '../support/conversion-options.js';

const request = parseMessagesRequest({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] });

describe('the Converse guardrailConfig', () => {
  it.each<[GuardrailSettings, unknown]>([
    [{ identifier: 'gr0abc123', version: 'DRAFT' }, { guardrailIdentifier: 'gr0abc123', guardrailVersion: 'DRAFT' }],
    [{ identifier: 'gr0abc123', version: '3', trace: 'enabled' }, { guardrailIdentifier: 'gr0abc123', guardrailVersion: '3', trace: 'enabled' }],
    [{ identifier: 'gr0abc123', version: '12', trace: 'enabled_full' }, { guardrailIdentifier: 'gr0abc123', guardrailVersion: '12', trace: 'enabled_full' }],
    [{ identifier: 'gr0abc123', version: '1', trace: 'disabled' }, { guardrailIdentifier: 'gr0abc123', guardrailVersion: '1', trace: 'disabled' }],
  ])('%j → %j', (settings, expected) => {
    expect(convertGuardrailConfig(settings)).toEqual(expected);
  });

  it('is set on the converted body when the options carry a guardrail, and absent otherwise', () => {
    const guarded = convertRequestToConverse(request, { ...claude, guardrail: { identifier: 'gr0abc123', version: '2', trace: 'enabled' } });
    expect(guarded.value.body.guardrailConfig).toEqual({ guardrailIdentifier: 'gr0abc123', guardrailVersion: '2', trace: 'enabled' });
    const plain = convertRequestToConverse(request, claude);
    expect('guardrailConfig' in plain.value.body).toBe(false);
    expect({ ...guarded.value.body, guardrailConfig: undefined }).toEqual({ ...plain.value.body, guardrailConfig: undefined });
  });
});

describe('converseStreamBody', () => {
  it('adds streamProcessingMode sync to a guardrail, without changing the Converse body', () => {
    const body = convertRequestToConverse(request, { ...claude, guardrail: { identifier: 'gr0abc123', version: 'DRAFT' } }).value.body;
    expect(converseStreamBody(body).guardrailConfig).toEqual({ guardrailIdentifier: 'gr0abc123', guardrailVersion: 'DRAFT', streamProcessingMode: 'sync' });
    expect(body.guardrailConfig).toEqual({ guardrailIdentifier: 'gr0abc123', guardrailVersion: 'DRAFT' });
  });

  it('leaves a body without a guardrail as it is', () => {
    const body = convertRequestToConverse(request, claude).value.body;
    expect(converseStreamBody(body)).toBe(body);
  });
});

describe('guardrailHeaders (InvokeModel)', () => {
  it.each<[GuardrailSettings | undefined, Record<string, string>]>([
    [undefined, {}],
    [{ identifier: 'gr0abc123', version: 'DRAFT' }, { 'x-amzn-bedrock-guardrailidentifier': 'gr0abc123', 'x-amzn-bedrock-guardrailversion': 'DRAFT' }],
    [
      { identifier: 'gr0abc123', version: '4', trace: 'enabled' },
      { 'x-amzn-bedrock-guardrailidentifier': 'gr0abc123', 'x-amzn-bedrock-guardrailversion': '4', 'x-amzn-bedrock-trace': 'ENABLED' },
    ],
    [
      { identifier: 'gr0abc123', version: '4', trace: 'disabled' },
      { 'x-amzn-bedrock-guardrailidentifier': 'gr0abc123', 'x-amzn-bedrock-guardrailversion': '4', 'x-amzn-bedrock-trace': 'DISABLED' },
    ],
    [
      { identifier: 'gr0abc123', version: '4', trace: 'enabled_full' },
      { 'x-amzn-bedrock-guardrailidentifier': 'gr0abc123', 'x-amzn-bedrock-guardrailversion': '4', 'x-amzn-bedrock-trace': 'ENABLED_FULL' },
    ],
  ])('%j → %j', (settings, expected) => {
    expect(guardrailHeaders(settings)).toEqual(expected);
  });
});

describe('guardrailSettingsSchema', () => {
  it.each([
    [{ identifier: 'gr0abc123', version: 'DRAFT' }, true],
    [{ identifier: 'arn:aws:bedrock:us-east-1:123456789012:guardrail/gr0abc123', version: '99999999', trace: 'enabled_full' }, true],
    [{ identifier: 'arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:guardrail/abc', version: '1' }, true],
    [{ identifier: '', version: 'DRAFT' }, false],
    [{ identifier: 'Upper-Case', version: 'DRAFT' }, false],
    [{ identifier: 'gr0abc123', version: 'draft' }, false],
    [{ identifier: 'gr0abc123', version: '0' }, false],
    [{ identifier: 'gr0abc123', version: '123456789' }, false],
    [{ identifier: 'gr0abc123', version: '1', trace: 'ENABLED' }, false],
    [{ identifier: 'gr0abc123', version: '1', streamProcessingMode: 'sync' }, false],
  ])('%j valid: %s', (settings, valid) => {
    expect(guardrailSettingsSchema.safeParse(settings).success).toBe(valid);
  });
});
