import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { isProxyError, ProxyError } from '../errors.js';
import type { BedrockAuth } from './create-bedrock-runtime.js';
import { memoizeCredentials } from './memoize-credentials.js';

export interface UnsignedRequest {
  /** Already percent-encoded, e.g. `/model/us.anthropic.claude-sonnet-4-6/converse`. */
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Returns the headers to send: the given ones plus the authentication headers. */
export type RequestSigner = (request: UnsignedRequest) => Promise<Record<string, string>>;

export interface RequestSignerOptions {
  auth: BedrockAuth;
  region: string;
  endpoint: URL;
  now: () => number;
}

/** One signer per runtime: SigV4 for IAM credentials (memoized), or a Bedrock API key as a bearer token. */
export function createRequestSigner(options: RequestSignerOptions): RequestSigner {
  const { auth } = options;
  switch (auth.kind) {
    case 'bearer': {
      const authorization = `Bearer ${auth.token}`;
      return (request) => Promise.resolve({ ...request.headers, authorization });
    }
    case 'sigv4':
      return createSigV4Signer(options, auth.credentials);
    default: {
      const unknownAuth: never = auth;
      throw new ProxyError('INTERNAL', `Unknown Bedrock auth kind: ${JSON.stringify(unknownAuth)}`);
    }
  }
}

function createSigV4Signer(options: RequestSignerOptions, credentials: AwsCredentialIdentityProvider): RequestSigner {
  const cached = memoizeCredentials(credentials, { now: options.now });
  const signer = new SignatureV4({
    service: 'bedrock',
    region: options.region,
    credentials: () => loadCredentials(cached),
    sha256: Hash.bind(null, 'sha256'),
  });
  const { protocol, hostname } = options.endpoint;
  const port = options.endpoint.port === '' ? undefined : Number(options.endpoint.port);
  return async (request) => {
    // The path stays percent-encoded here; SigV4 escapes it once more for the canonical request, as the AWS SDK does.
    const signed = await signer.sign({
      method: 'POST',
      protocol,
      hostname,
      port,
      path: request.path,
      query: {},
      headers: request.headers,
      body: request.body,
    });
    return signed.headers;
  };
}

async function loadCredentials(provider: AwsCredentialIdentityProvider) {
  try {
    return await provider();
  } catch (error) {
    if (isProxyError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProxyError(
      'BEDROCK_CREDENTIALS',
      `The proxy could not load its own AWS credentials for Bedrock (${reason}); the proxy's AWS configuration must be fixed, the client's API key is not the problem`,
      { cause: error },
    );
  }
}
