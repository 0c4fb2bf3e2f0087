/** One Server-Sent Events frame in the form the Anthropic SDKs read: an `event:` line, one `data:` line. */
export function formatSseFrame<Event extends { type: string }>(event: Event): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export const pingFrame = formatSseFrame({ type: 'ping' });
