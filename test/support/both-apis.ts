import type Anthropic from '@anthropic-ai/sdk';
import { useTestProxy, type TestProxy } from './start-test-proxy.js';

/** The two Bedrock APIs Claude can be answered by. */
export const bedrockApis = ['invoke', 'converse'] as const;
export type BedrockApiName = (typeof bedrockApis)[number];

/** One test proxy per Bedrock API (CLAUDE_API), started before the file's tests. */
export function useTestProxiesForBothApis(env: Record<string, string> = {}): Record<BedrockApiName, TestProxy> {
  return { invoke: useTestProxy({ ...env, CLAUDE_API: 'invoke' }), converse: useTestProxy({ ...env, CLAUDE_API: 'converse' }) };
}

/** Every pairing of API and SDK generation, for `describe.each`. */
export const apisAndSdks = bedrockApis.flatMap((api) => (['1.x', '0.x'] as const).map((sdk) => [api, sdk] as const));

/** The SDK client of a generation; both are typed as the current SDK for the tests' sake. */
export function clientOf(proxy: TestProxy, sdk: '1.x' | '0.x'): Anthropic {
  return sdk === '1.x' ? proxy.client : (proxy.legacyClient as unknown as Anthropic);
}
