import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import AnthropicLegacy from 'anthropic-sdk-0';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import type { BedrockSimulator } from '../../src/simulator/index.js';
import { startProxy, type RunningProxy, type StartProxyOptions } from '../../src/start-proxy.js';

export const testMasterKey = 'sk-test-master-key-0123456789';

export interface TestProxy {
  url: string;
  proxy: RunningProxy;
  simulator: BedrockSimulator;
  /** The current SDK line: `Authorization: Bearer`, `anthropic-version: 2026-10-21`. */
  client: Anthropic;
  /** The 0.x SDK line: `x-api-key`, `anthropic-version: 2023-06-01`. */
  legacyClient: AnthropicLegacy;
  close(): Promise<void>;
  /** For a test that closes `proxy` itself: removes the temporary data folder. */
  removeData(): void;
}

export interface TestProxyOptions extends StartProxyOptions {
  logger?: Logger;
}

/**
 * The real proxy wired exactly as `proxy serve --mock-bedrock` is, on 127.0.0.1 and a free port,
 * with the embedded store in a fresh temporary data folder.
 */
export async function startTestProxy(env: Record<string, string> = {}, options: TestProxyOptions = {}): Promise<TestProxy> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'proxy-test-'));
  const config = loadConfig({
    env: { HOST: '127.0.0.1', PORT: '0', MOCK_BEDROCK: 'true', MASTER_API_KEY: testMasterKey, LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env },
  });
  let proxy: RunningProxy;
  try {
    proxy = await startProxy(config, options.logger ?? silentLogger, options);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  if (proxy.simulator === undefined) throw new Error('the test proxy runs against the simulator');
  const clientOptions = { baseURL: proxy.url, apiKey: testMasterKey, maxRetries: 0 };
  return {
    url: proxy.url,
    proxy,
    simulator: proxy.simulator,
    client: new Anthropic(clientOptions),
    legacyClient: new AnthropicLegacy(clientOptions),
    close: async () => {
      await proxy.close(1000);
      rmSync(dataDir, { recursive: true, force: true });
    },
    removeData: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/**
 * Starts a test proxy before the file's tests and stops it after them. The returned object is
 * filled in by `beforeAll`; read its fields inside tests only.
 */
export function useTestProxy(env: Record<string, string> = {}, options: TestProxyOptions = {}): TestProxy {
  const handle = {} as TestProxy;
  beforeAll(async () => {
    Object.assign(handle, await startTestProxy(env, options));
  });
  afterAll(async () => {
    await handle.close?.();
  });
  return handle;
}
