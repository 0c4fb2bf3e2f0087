import { request } from 'undici';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

/** A plain HTTP call, for what the SDKs would hide (headers, status codes, raw SSE). */
export async function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  const response = await request(url, { method: (options.method ?? 'POST') as 'POST', headers: options.headers, body: options.body });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** Splits a raw SSE body into `{ event, data }` frames, checking each frame has both lines. */
export function parseSseFrames(text: string): Array<{ event: string; data: unknown }> {
  return text
    .split('\n\n')
    .filter((frame) => frame.length > 0)
    .map((frame) => {
      const lines = frame.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
      const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length);
      if (event === undefined || data === undefined) throw new Error(`malformed SSE frame: ${frame}`);
      return { event, data: JSON.parse(data) as unknown };
    });
}
