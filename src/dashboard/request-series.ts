import type { RequestSeries } from './usage-summary.js';

const minuteMs = 60_000;
/** Bucket sizes a reader recognises, in minutes; the smallest that gives at most `maxPoints` is used. */
const bucketMinutes = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440] as const;
/** 60 points plus a label fit in 80 columns. */
export const maxSeriesPoints = 60;

/**
 * 15m → 15 one-minute buckets, 1h → 60 one-minute buckets, 24h → 48 half-hours, 7d → 56 three-hour
 * buckets; other spans get the smallest listed size that keeps at most 60 points.
 */
export function chooseBucketMs(durationMs: number): number {
  for (const minutes of bucketMinutes) {
    if (Math.ceil(durationMs / (minutes * minuteMs)) <= maxSeriesPoints) return minutes * minuteMs;
  }
  return Math.ceil(durationMs / maxSeriesPoints / minuteMs) * minuteMs;
}

/**
 * Requests per bucket. Buckets start at the window's start, so every request of the window falls in
 * exactly one bucket and the counts add up to the request total; the last bucket may be shorter.
 */
export function requestSeries(arrivalTimesMs: ReadonlyArray<number>, range: { sinceMs: number; untilMs: number }): RequestSeries {
  const durationMs = Math.max(range.untilMs - range.sinceMs, 1);
  const bucketMs = chooseBucketMs(durationMs);
  const counts = new Array<number>(Math.ceil(durationMs / bucketMs)).fill(0);
  for (const time of arrivalTimesMs) {
    if (time < range.sinceMs || time >= range.untilMs) continue;
    const index = Math.floor((time - range.sinceMs) / bucketMs);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return { start: new Date(range.sinceMs).toISOString(), bucketMs, counts };
}
