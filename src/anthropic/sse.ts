/** The JSON text an event arrived in, for events passed on unchanged (see keepArrivedJson). */
const arrivedJson = new WeakMap<object, string>();

/**
 * Remembers the JSON text `event` was parsed from, so its frame reuses the text instead of
 * serialising the event again. Only for an object nobody changes afterwards (a changed copy is a new
 * object and is serialised); text with a line break is not kept, as it could not stay on one `data:` line.
 */
export function keepArrivedJson(event: object, json: string): void {
  if (!json.includes('\n') && !json.includes('\r')) arrivedJson.set(event, json);
}

/** One Server-Sent Events frame in the form the Anthropic SDKs read: an `event:` line, one `data:` line. */
export function formatSseFrame<Event extends { type: string }>(event: Event): string {
  return `event: ${event.type}\ndata: ${arrivedJson.get(event) ?? JSON.stringify(event)}\n\n`;
}

export const pingFrame = formatSseFrame({ type: 'ping' });
