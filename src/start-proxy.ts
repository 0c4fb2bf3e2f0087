import { randomBytes } from 'node:crypto';
import { createBedrockRuntime, type BedrockAuth } from './bedrock/create-bedrock-runtime.js';
import { geoPrefixForRegion, type GeoPrefix } from './bedrock/model-ids.js';
import { resolveCredentials, staticCredentials } from './bedrock/resolve-credentials.js';
import { resolveBedrockEndpoint } from './bedrock/resolve-endpoint.js';
import type { Config } from './config/load-config.js';
import type { Logger } from './logger.js';
import { createMasterKeyCheck } from './server/authenticate.js';
import { createProxyServer, type Readiness } from './server/create-proxy-server.js';
import { startBedrockSimulator, type BedrockSimulator } from './simulator/index.js';

export interface RunningProxy {
  url: string;
  /** Where Bedrock calls go: the regional endpoint, a configured one, or the in-process simulator. */
  bedrockEndpoint: string;
  /** Set when authentication is on and no master key was configured: a key made for this run. */
  generatedMasterKey: string | undefined;
  /** The in-process simulator when Bedrock is mocked (tests read what it received). */
  simulator: BedrockSimulator | undefined;
  close(graceMs?: number): Promise<void>;
}

/** Credentials the in-process simulator checks signatures against: real SigV4, no AWS account. */
const simulatorCredentials = { accessKeyId: 'AKIAPROXYSIMULATOR00', secretAccessKey: 'proxy-simulator-secret-key' };

/** Wires config into a running proxy: Bedrock (real or simulated), the server, authentication. */
export async function startProxy(config: Config, logger: Logger): Promise<RunningProxy> {
  let simulator: BedrockSimulator | undefined;
  let auth: BedrockAuth;
  let endpoint: string;
  if (config.mockBedrock) {
    simulator = await startBedrockSimulator({ host: '127.0.0.1', port: 0, credentials: simulatorCredentials });
    endpoint = simulator.url;
    auth = { kind: 'sigv4', credentials: staticCredentials(simulatorCredentials.accessKeyId, simulatorCredentials.secretAccessKey) };
  } else {
    endpoint = config.bedrockEndpoint ?? resolveBedrockEndpoint(config.region);
    auth = config.bedrockBearerToken !== undefined
      ? { kind: 'bearer', token: config.bedrockBearerToken }
      : { kind: 'sigv4', credentials: resolveCredentials({ profile: config.profile, region: config.region }) };
  }

  const bedrock = createBedrockRuntime({
    region: config.region,
    endpoint,
    auth,
    bodyTimeoutMs: config.streamingTimeoutSeconds * 1000,
  });
  const generatedMasterKey = config.requireApiKey && config.masterApiKey === undefined ? `sk-proxy-${randomBytes(24).toString('base64url')}` : undefined;
  const masterKey = config.masterApiKey ?? generatedMasterKey;
  const geoPrefix: GeoPrefix = config.geoPrefix === 'auto' ? geoPrefixForRegion(config.region) : config.geoPrefix;

  const proxy = createProxyServer({
    bedrock,
    logger,
    features: config.features,
    geoPrefix,
    maxRequestBytes: config.maxRequestBytes,
    apiKeyCheck: config.requireApiKey && masterKey !== undefined ? createMasterKeyCheck(masterKey) : undefined,
    readiness: auth.kind === 'sigv4' ? credentialsReadiness(auth.credentials) : undefined,
  });
  let url: string;
  try {
    url = await proxy.listen(config.port, config.host);
  } catch (error) {
    await bedrock.close();
    await simulator?.close();
    throw error;
  }

  return {
    url,
    bedrockEndpoint: endpoint,
    generatedMasterKey,
    simulator,
    close: async (graceMs) => {
      await proxy.close(graceMs);
      await bedrock.close();
      await simulator?.close();
    },
  };
}

/** Ready once the AWS credentials resolve; a failure is reported, and retried on the next probe. */
function credentialsReadiness(credentials: () => Promise<unknown>): () => Promise<Readiness> {
  return async () => {
    try {
      await credentials();
      return { ready: true };
    } catch (error) {
      return { ready: false, reason: `AWS credentials could not be resolved: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
}
