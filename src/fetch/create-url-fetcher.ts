import dns from 'node:dns';
import { Agent, request, type Dispatcher } from 'undici';
import { ProxyError } from '../errors.js';
import { classifyAddress } from './classify-address.js';
import { createCheckedLookup, RefusedAddressError } from './create-checked-lookup.js';
import { defaultUrlFetchPolicy, isRefusedHostName, type UrlFetchPolicy, type UrlScheme } from './url-fetch-policy.js';

export type { UrlFetchPolicy } from './url-fetch-policy.js';

export interface FetchedUrl {
  bytes: Buffer;
  /** The response's `content-type`, as sent. */
  contentType: string | undefined;
}

export type UrlFetcher = (url: string) => Promise<FetchedUrl>;

export interface UrlFetcherDependencies {
  /** Resolves host names; tests map made-up names to local servers. */
  lookup?: typeof dns.lookup;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a URL for an image or document source. Refuses private, loopback, link-local,
 * unspecified, multicast, shared (CGNAT), reserved and cloud metadata addresses: literal hosts
 * before anything is sent, names on every address they resolve to, inside the connection attempt
 * (the socket connects to the checked address, so DNS rebinding cannot swap it), and again for every
 * redirect. Caps the size and the time. Errors are `invalid_request_error` ProxyErrors naming the
 * host only, never the full URL (it may carry credentials or tokens).
 */
export function createUrlFetcher(policy: Partial<UrlFetchPolicy> = {}, dependencies: UrlFetcherDependencies = {}): UrlFetcher {
  const settings: UrlFetchPolicy = { ...defaultUrlFetchPolicy, ...policy };
  const trusted = new Set(settings.trustedAddresses ?? []);
  const classify = (address: string) => (trusted.has(address.replace(/^\[(.*)\]$/, '$1')) ? 'trusted' : classifyAddress(address));
  const dispatcher = new Agent({
    connect: { lookup: createCheckedLookup({ lookup: dependencies.lookup ?? dns.lookup, classify }), timeout: settings.timeoutMs },
  });

  return async (url) => {
    const target = parseTarget(url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
    let current = target;
    try {
      for (let redirects = 0; ; redirects += 1) {
        checkTarget(current, target, settings.allowedSchemes, classify);
        const response = await request(current, { dispatcher, method: 'GET', signal: controller.signal, reset: true, headers: { accept: '*/*' } });
        const location = response.headers.location;
        if (redirectStatuses.has(response.statusCode) && typeof location === 'string') {
          await response.body.dump();
          if (redirects >= settings.maxRedirects) throw refusal(current, target, `it redirected more than ${settings.maxRedirects} times`);
          current = parseTarget(location, current);
          continue;
        }
        if (response.statusCode < 200 || response.statusCode > 299) {
          await response.body.dump();
          throw refusal(current, target, `it answered HTTP ${response.statusCode}`);
        }
        const tooLarge = () => refusal(current, target, `it is larger than ${settings.maxBytes} bytes`);
        if (Number(response.headers['content-length']) > settings.maxBytes) {
          discard(response.body);
          throw tooLarge();
        }
        const contentType = response.headers['content-type'];
        const bytes = await readCapped(response.body, settings.maxBytes, tooLarge);
        return { bytes, contentType: typeof contentType === 'string' ? contentType : undefined };
      }
    } catch (error) {
      if (error instanceof ProxyError) throw error;
      if (controller.signal.aborted) throw refusal(current, target, `it did not answer within ${settings.timeoutMs} ms`, error);
      throw refusal(current, target, describeFailure(error), error);
    } finally {
      clearTimeout(timer);
    }
  };
}

function parseTarget(text: string, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch {
    throw new ProxyError('INVALID_REQUEST', base === undefined ? 'The url source is not a valid URL' : `The URL from host "${base.hostname}" could not be used: it redirected to an invalid URL`);
  }
}

function checkTarget(url: URL, original: URL, schemes: ReadonlyArray<UrlScheme>, classify: (address: string) => string): void {
  const scheme = url.protocol.slice(0, -1);
  if (!schemes.some((allowed) => allowed === scheme)) throw refusal(url, original, `the ${scheme} scheme is not allowed (only ${schemes.join(', ')})`);
  if (url.username !== '' || url.password !== '') throw refusal(url, original, 'URLs with credentials are not allowed');
  if (isRefusedHostName(url.hostname)) throw refusal(url, original, 'the host is this machine or a metadata service');
  const verdict = classify(url.hostname);
  if (verdict !== 'invalid' && verdict !== 'public' && verdict !== 'trusted') throw refusal(url, original, `its address is ${verdict}`);
}

async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number, tooLarge: () => ProxyError): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      discard(body);
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** Stops reading a body; destroying it reports an abort error nobody else listens for. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function refusal(url: URL, original: URL, problem: string, cause?: unknown): ProxyError {
  const host = url.hostname === original.hostname ? `host "${original.hostname}"` : `host "${original.hostname}" (redirected to "${url.hostname}")`;
  return new ProxyError('INVALID_REQUEST', `The URL from ${host} could not be used: ${problem}`, cause === undefined ? {} : { cause });
}

function describeFailure(error: unknown): string {
  const refused = findCause(error, (candidate): candidate is RefusedAddressError => candidate instanceof RefusedAddressError);
  if (refused !== undefined) return `the host name resolves to a ${refused.addressClass} address`;
  const code = findCause(error, (candidate): candidate is { code: string } => typeof (candidate as { code?: unknown }).code === 'string')?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  return `it could not be fetched (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

function findCause<Found>(error: unknown, matches: (candidate: object) => candidate is object & Found): Found | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if (matches(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
