/** The windows the live view cycles through with `w`. */
export const windowNames = ['15m', '1h', '24h', '7d'] as const;
export type WindowName = (typeof windowNames)[number];

export interface TimeRange {
  /** Inclusive. */
  since: Date;
  /** Exclusive. */
  until: Date;
}

const minuteMs = 60_000;

export function windowDurationMs(window: WindowName): number {
  switch (window) {
    case '15m':
      return 15 * minuteMs;
    case '1h':
      return 60 * minuteMs;
    case '24h':
      return 24 * 60 * minuteMs;
    case '7d':
      return 7 * 24 * 60 * minuteMs;
    default: {
      const unexpected: never = window;
      throw new Error(`unknown window ${String(unexpected)}`);
    }
  }
}

/** The window ending now. */
export function windowRange(window: WindowName, now: Date): TimeRange {
  return { since: new Date(now.getTime() - windowDurationMs(window)), until: now };
}

export function nextWindow(window: WindowName): WindowName {
  const index = windowNames.indexOf(window);
  return windowNames[(index + 1) % windowNames.length] ?? window;
}

export function isWindowName(value: string): value is WindowName {
  return (windowNames as ReadonlyArray<string>).includes(value);
}
