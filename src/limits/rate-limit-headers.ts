import type { LimitKind } from './types.js';

/** One limit as the client is told about it. */
export interface LimitView {
  readonly kind: LimitKind;
  readonly limit: number;
  /** Whole units left, never below zero. */
  readonly remaining: number;
  /** Epoch milliseconds at which the limit is fully available again. */
  readonly resetAt: number;
}

/**
 * Anthropic's rate-limit headers for the limits a key has. `tokens` describes the combined limit
 * when there is one, otherwise whichever of input and output has the least left relative to its
 * limit, as Anthropic reports its most restrictive token limit there.
 */
export function rateLimitHeaders(views: ReadonlyArray<LimitView>): Record<string, string> {
  const headers: Record<string, string> = {};
  const write = (name: string, view: LimitView) => {
    headers[`anthropic-ratelimit-${name}-limit`] = String(view.limit);
    headers[`anthropic-ratelimit-${name}-remaining`] = String(view.remaining);
    headers[`anthropic-ratelimit-${name}-reset`] = formatReset(view.resetAt);
  };
  const byKind = (kind: LimitKind) => views.find((view) => view.kind === kind);
  const requests = byKind('requests');
  const input = byKind('input_tokens');
  const output = byKind('output_tokens');
  if (requests !== undefined) write('requests', requests);
  const tokens = byKind('tokens') ?? mostRestrictive(input, output);
  if (tokens !== undefined) write('tokens', tokens);
  if (input !== undefined) write('input-tokens', input);
  if (output !== undefined) write('output-tokens', output);
  return headers;
}

function mostRestrictive(first: LimitView | undefined, second: LimitView | undefined): LimitView | undefined {
  if (first === undefined || second === undefined) return first ?? second;
  return share(second) < share(first) ? second : first;
}

function share(view: LimitView): number {
  return view.limit > 0 ? view.remaining / view.limit : 0;
}

/** RFC 3339 in UTC to the second, rounded up so a client waiting until then finds the limit reset. */
export function formatReset(epochMs: number): string {
  const seconds = Number.isFinite(epochMs) ? Math.ceil(epochMs / 1000) : 0;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
