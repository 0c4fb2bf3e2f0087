const unitMs: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `15m`, `2h`, `1h30m`, `7d`, `2w` → milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(?:\d+(?:\.\d+)?[smhdw])+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)) total += Number(amount) * (unitMs[unit ?? ''] ?? 0);
  return total > 0 ? total : undefined;
}

/**
 * The start of a `--since` range: a duration back from `now` (`2h`), or an ISO 8601 date or time
 * (`2026-11-27`, `2026-11-27T08:00:00Z`). Throws a RangeError naming what is accepted otherwise,
 * and for a time that is not before `now`.
 */
export function parseSince(text: string, now: Date): Date {
  const duration = parseDuration(text);
  const since = duration !== undefined ? new Date(now.getTime() - duration) : parseInstant(text);
  if (since === undefined) {
    throw new RangeError(`--since must be a duration such as 30m, 2h or 7d, or an ISO 8601 time such as 2026-11-27T08:00:00Z; got "${text}"`);
  }
  if (since.getTime() >= now.getTime()) throw new RangeError(`--since must be in the past; got "${text}"`);
  return since;
}

function parseInstant(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(text.trim())) return undefined;
  const time = new Date(text.trim());
  return Number.isNaN(time.getTime()) ? undefined : time;
}
