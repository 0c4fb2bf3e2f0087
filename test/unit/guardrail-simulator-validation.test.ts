import { describe, expect, it } from 'vitest';
import { mockScriptSchema } from '../../src/simulator/answer/mock-script-schema.js';
import { checkGuardrailHeaders } from '../../src/simulator/guardrail/check-guardrail-headers.js';
import { validateConverseRequest } from '../../src/simulator/validation/validate-converse-request.js';

const modelId = 'us.anthropic.claude-sonnet-4-6';
const messages = [{ role: 'user', content: [{ text: 'Hello' }] }];
const withGuardrail = (guardrailConfig: unknown) => ({ messages, guardrailConfig });
const identifierPattern = '(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))';

describe('the simulator checks guardrailConfig (Converse, ConverseStream)', () => {
  it.each([
    { guardrailIdentifier: 'gr0abc123', guardrailVersion: 'DRAFT' },
    { guardrailIdentifier: 'gr0abc123', guardrailVersion: '7', trace: 'enabled_full' },
    { guardrailIdentifier: 'arn:aws:bedrock:eu-west-1:123456789012:guardrail/gr0abc123', guardrailVersion: '12345678', trace: 'disabled' },
  ])('accepts %j on both operations', (config) => {
    expect(validateConverseRequest(withGuardrail(config), modelId).ok).toBe(true);
    expect(validateConverseRequest(withGuardrail(config), modelId, 'ConverseStream').ok).toBe(true);
  });

  it('accepts streamProcessingMode on ConverseStream only', () => {
    const config = { guardrailIdentifier: 'gr0abc123', guardrailVersion: '1', streamProcessingMode: 'sync' };
    expect(validateConverseRequest(withGuardrail(config), modelId, 'ConverseStream').ok).toBe(true);
    expect(validateConverseRequest(withGuardrail({ ...config, streamProcessingMode: 'async' }), modelId, 'ConverseStream').ok).toBe(true);
    expect(validateConverseRequest(withGuardrail(config), modelId, 'Converse')).toEqual({
      ok: false,
      message: 'Malformed input request: extraneous key [streamProcessingMode] is not permitted, please reformat your input and try again.',
    });
  });

  it.each([
    [
      { guardrailVersion: '1' },
      "1 validation error detected: Value null at 'guardrailConfig.guardrailIdentifier' failed to satisfy constraint: Member must not be null",
    ],
    [
      { guardrailIdentifier: 'gr0abc123', guardrailVersion: 'draft', trace: 'on' },
      "2 validation errors detected: Value at 'guardrailConfig.guardrailVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (([1-9][0-9]{0,7})|(DRAFT)); " +
        "Value 'on' at 'guardrailConfig.trace' failed to satisfy constraint: Member must satisfy enum value set: [enabled, disabled, enabled_full]",
    ],
    [
      { guardrailIdentifier: '', guardrailVersion: '1' },
      "1 validation error detected: Value at 'guardrailConfig.guardrailIdentifier' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      { guardrailIdentifier: 'My_Guardrail', guardrailVersion: '1' },
      `1 validation error detected: Value at 'guardrailConfig.guardrailIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: ${identifierPattern}`,
    ],
    [
      { guardrailIdentifier: 'a'.repeat(2049), guardrailVersion: '1' },
      "1 validation error detected: Value at 'guardrailConfig.guardrailIdentifier' failed to satisfy constraint: Member must have length less than or equal to 2048",
    ],
  ])('refuses %j', (config, message) => {
    expect(validateConverseRequest(withGuardrail(config), modelId)).toEqual({ ok: false, message });
  });

  it('refuses an unknown streamProcessingMode on ConverseStream', () => {
    const config = { guardrailIdentifier: 'gr0abc123', guardrailVersion: '1', streamProcessingMode: 'eventually' };
    expect(validateConverseRequest(withGuardrail(config), modelId, 'ConverseStream')).toEqual({
      ok: false,
      message:
        "1 validation error detected: Value 'eventually' at 'guardrailConfig.streamProcessingMode' failed to satisfy constraint: Member must satisfy enum value set: [sync, async]",
    });
  });
});

describe('checkGuardrailHeaders (InvokeModel)', () => {
  const identifier = 'x-amzn-bedrock-guardrailidentifier';
  const version = 'x-amzn-bedrock-guardrailversion';
  const trace = 'x-amzn-bedrock-trace';
  it.each<[Record<string, string>, string | undefined]>([
    [{}, undefined],
    [{ [identifier]: 'gr0abc123', [version]: 'DRAFT' }, undefined],
    [{ [identifier]: 'gr0abc123', [version]: '3', [trace]: 'ENABLED_FULL' }, undefined],
    [{ [trace]: 'ENABLED' }, undefined],
    [{ [identifier]: 'gr0abc123' }, 'A guardrail needs both X-Amzn-Bedrock-GuardrailIdentifier and X-Amzn-Bedrock-GuardrailVersion.'],
    [{ [version]: '3' }, 'A guardrail needs both X-Amzn-Bedrock-GuardrailIdentifier and X-Amzn-Bedrock-GuardrailVersion.'],
    [
      { [identifier]: 'gr0abc123', [version]: '3', [trace]: 'enabled' },
      "1 validation error detected: Value 'enabled' at 'trace' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_FULL]",
    ],
    [
      { [identifier]: 'gr0abc123', [version]: 'latest' },
      "1 validation error detected: Value at 'guardrailVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (([1-9][0-9]{0,7})|(DRAFT))",
    ],
  ])('%j → %s', (headers, expected) => {
    expect(checkGuardrailHeaders(headers)).toBe(expected);
  });
});

describe('the guardrail script field', () => {
  it.each([
    [{ guardrail: 'intervene' }, true],
    [{ guardrail: 'intervene', latencyMs: 10 }, true],
    [{ guardrail: 'pass' }, false],
    [{ guardrail: 'intervene', content: [{ text: 'hi' }] }, false],
  ])('%j valid: %s', (script, valid) => {
    expect(mockScriptSchema.safeParse(script).success).toBe(valid);
  });
});
