export type UrlScheme = 'https' | 'http';

export interface UrlFetchPolicy {
  /** Default 10 MB; a body past it is aborted. */
  maxBytes: number;
  /** The whole fetch, redirects and body included; default 10 s. */
  timeoutMs: number;
  /** Default 3. */
  maxRedirects: number;
  /** Default https and http. */
  allowedSchemes: ReadonlyArray<UrlScheme>;
  /**
   * For tests only: addresses let through although they are not public (a test server on
   * 127.0.0.1 behind a name its lookup maps). Never set in production configuration.
   */
  trustedAddresses?: ReadonlyArray<string>;
}

export const defaultUrlFetchPolicy: Readonly<UrlFetchPolicy> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 3,
  allowedSchemes: Object.freeze(['https', 'http'] as const),
});

/** Host names refused before any lookup: they name this machine or a cloud metadata service. */
export function isRefusedHostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === 'metadata' ||
    name === 'metadata.google.internal' ||
    name === 'metadata.goog' ||
    name === 'instance-data' ||
    name === 'instance-data.ec2.internal'
  );
}
