import type { IncomingMessage } from 'node:http';
import { ProxyError } from '../errors.js';

export type AnthropicVersion = '2023-06-01' | '2026-10-21';
const knownVersions: ReadonlySet<string> = new Set<AnthropicVersion>(['2023-06-01', '2026-10-21']);

/** `anthropic-version`; absent means 2023-06-01, the version curl examples and older clients use. */
export function readAnthropicVersion(request: IncomingMessage): AnthropicVersion {
  const header = request.headers['anthropic-version'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') return '2023-06-01';
  if (knownVersions.has(value)) return value as AnthropicVersion;
  throw new ProxyError(
    'INVALID_REQUEST',
    `anthropic-version: "${value.slice(0, 64)}" is not a supported version; use 2023-06-01 or 2026-10-21`,
  );
}

/** Every `anthropic-beta` flag, from one or several headers, comma-separated. */
export function readBetas(request: IncomingMessage): string[] {
  const values = request.headersDistinct['anthropic-beta'];
  if (values === undefined) return [];
  const betas: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const beta = part.trim();
      if (beta.length > 0 && !betas.includes(beta)) betas.push(beta);
    }
  }
  return betas;
}
