import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A request as received: the raw (still percent-encoded) path with its query, and the raw body. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array;
}

export type SignatureVerdict =
  | { valid: true }
  | {
      valid: false;
      errorName: 'IncompleteSignatureException' | 'InvalidSignatureException' | 'UnrecognizedClientException';
      message: string;
    };

export type SignatureVerifier = (request: ReceivedRequest) => Promise<SignatureVerdict>;

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;:-]+),\s*Signature=([0-9a-f]{64})$/;

/**
 * Verifies AWS SigV4 (service `bedrock`, any region) by signing the received request again with
 * @smithy/signature-v4 and comparing signatures. The path is used exactly as received, because the
 * signer escapes it once more, as SigV4 does for every service but S3.
 */
export function createSignatureVerifier(credentials: SigningCredentials): SignatureVerifier {
  const signers = new Map<string, SignatureV4>();
  const signerFor = (region: string): SignatureV4 => {
    let signer = signers.get(region);
    if (signer === undefined) {
      signer = new SignatureV4({ credentials, region, service: 'bedrock', sha256: Hash.bind(null, 'sha256'), uriEscapePath: true });
      signers.set(region, signer);
    }
    return signer;
  };

  return async (request) => {
    const authorization = headerValue(request.headers, 'authorization') ?? '';
    const match = authorizationPattern.exec(authorization);
    if (match === null) return incomplete(authorization);
    const [, accessKeyId, , region = '', service, signedHeaderList = '', signature = ''] = match;
    if (accessKeyId !== credentials.accessKeyId) {
      return { valid: false, errorName: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
    }
    if (service !== 'bedrock') {
      return { valid: false, errorName: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'bedrock'. " };
    }
    const amazonDate = headerValue(request.headers, 'x-amz-date');
    const signingDate = amazonDate === undefined ? undefined : parseAmazonDate(amazonDate);
    if (signingDate === undefined) {
      return {
        valid: false,
        errorName: 'IncompleteSignatureException',
        message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      };
    }
    const signedHeaders = signedHeaderList.split(';');
    // The signer trusts a signed x-amz-content-sha256; AWS checks it against the body, so do we.
    const contentHash = headerValue(request.headers, 'x-amz-content-sha256');
    if (contentHash !== undefined && contentHash !== 'UNSIGNED-PAYLOAD' && contentHash !== sha256Hex(request.body)) return mismatch;
    const resigned = await signerFor(region).sign(toHttpRequest(request, signedHeaders), {
      signingDate,
      signingRegion: region,
      signingService: 'bedrock',
      signableHeaders: new Set(signedHeaders),
    });
    const expected = /Signature=([0-9a-f]{64})$/.exec(String(resigned.headers['authorization'] ?? ''))?.[1] ?? '';
    if (expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return { valid: true };
    return mismatch;
  };
}

const mismatch: SignatureVerdict = {
  valid: false,
  errorName: 'InvalidSignatureException',
  message:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
};

function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

function toHttpRequest(request: ReceivedRequest, signedHeaders: readonly string[]): HttpRequest {
  const [path = '/', queryString = ''] = request.path.split('?', 2);
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    // HTTP/2 carries the signed `host` as the `:authority` pseudo-header.
    const value = headerValue(request.headers, name) ?? (name === 'host' ? headerValue(request.headers, ':authority') : undefined);
    if (value !== undefined) headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(queryString)) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return new HttpRequest({ method: request.method, protocol: 'http:', hostname: headers['host'] ?? 'localhost', path, query, headers, body: request.body });
}

function incomplete(authorization: string): SignatureVerdict {
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !authorization.includes(`${name}=`));
  const message =
    missing.length > 0
      ? missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ')
      : 'Authorization header is not a valid AWS4-HMAC-SHA256 signature.';
  return { valid: false, errorName: 'IncompleteSignatureException', message };
}

function parseAmazonDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second));
}

function headerValue(headers: ReceivedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
