import { describe, expect, it } from 'vitest';
import { parseMessagesRequest, type MessagesRequest } from '../../src/anthropic/request-schema.js';
import { ProxyError } from '../../src/errors.js';
import type { FetchedUrl, UrlFetcher } from '../../src/fetch/create-url-fetcher.js';
import { inlineUrlSources } from '../../src/fetch/inline-url-sources.js';
import { sniffImageType } from '../../src/fetch/sniff-media-type.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9]);
const gif = Buffer.from('GIF89a....');
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 ')]);
const pdf = Buffer.from('%PDF-1.7\n...');

/** A fetcher answering from a table, counting calls and the most fetches at once. */
function tableFetcher(table: Record<string, FetchedUrl>) {
  const calls: string[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const fetchUrl: UrlFetcher = async (url) => {
    calls.push(url);
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise<void>((resolve) => setImmediate(resolve));
    running -= 1;
    const result = table[url];
    if (result === undefined) throw new ProxyError('INVALID_REQUEST', `The URL from host "${new URL(url).hostname}" could not be used: it answered HTTP 404`);
    return result;
  };
  return { fetchUrl, calls, mostAtOnce: () => mostAtOnce };
}

function request(content: unknown[]): MessagesRequest {
  return parseMessagesRequest({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content }] });
}

const imageUrl = (url: string) => ({ type: 'image', source: { type: 'url', url } });
const documentUrl = (url: string) => ({ type: 'document', source: { type: 'url', url } });
const base64 = (media_type: string, bytes: Buffer) => ({ type: 'base64', media_type, data: bytes.toString('base64') });

describe('sniffImageType', () => {
  it.each([
    [png, 'image/png'],
    [jpeg, 'image/jpeg'],
    [gif, 'image/gif'],
    [webp, 'image/webp'],
    [pdf, undefined],
    [Buffer.alloc(0), undefined],
  ])('%#: %s', (bytes, expected) => {
    expect(sniffImageType(bytes)).toBe(expected);
  });
});

describe('inlineUrlSources', () => {
  it('returns the request itself when it has no url source', async () => {
    const original = request([{ type: 'text', text: 'hi' }, { type: 'image', source: base64('image/png', png) }]);
    const { fetchUrl, calls } = tableFetcher({});
    expect(await inlineUrlSources(original, fetchUrl)).toBe(original);
    expect(calls).toEqual([]);
  });

  it('replaces image and document url sources with base64 everywhere, leaving the original untouched', async () => {
    const original = request([
      imageUrl('https://images.example.com/a.png'),
      documentUrl('https://docs.example.com/report.pdf'),
      { type: 'tool_result', tool_use_id: 'toolu_1', content: [imageUrl('https://images.example.com/b')] },
      { type: 'document', source: { type: 'content', content: [imageUrl('https://images.example.com/c')] } },
      { type: 'text', text: 'What is in these?' },
    ]);
    const before = structuredClone(original);
    const { fetchUrl } = tableFetcher({
      'https://images.example.com/a.png': { bytes: png, contentType: 'image/png' },
      'https://docs.example.com/report.pdf': { bytes: pdf, contentType: 'application/pdf' },
      // The magic number wins over a wrong or missing content type.
      'https://images.example.com/b': { bytes: jpeg, contentType: 'application/octet-stream' },
      'https://images.example.com/c': { bytes: gif, contentType: undefined },
    });
    const inlined = await inlineUrlSources(original, fetchUrl);
    expect(inlined.messages[0]?.content).toEqual([
      { type: 'image', source: base64('image/png', png) },
      { type: 'document', source: base64('application/pdf', pdf) },
      { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'image', source: base64('image/jpeg', jpeg) }] },
      { type: 'document', source: { type: 'content', content: [{ type: 'image', source: base64('image/gif', gif) }] } },
      { type: 'text', text: 'What is in these?' },
    ]);
    expect(original).toEqual(before);
  });

  it('takes the content type when the bytes have no known magic number', async () => {
    const { fetchUrl } = tableFetcher({ 'https://x.example.com/i': { bytes: Buffer.from('....'), contentType: 'image/webp; charset=binary' } });
    const inlined = await inlineUrlSources(request([imageUrl('https://x.example.com/i')]), fetchUrl);
    expect(inlined.messages[0]?.content).toEqual([{ type: 'image', source: base64('image/webp', Buffer.from('....')) }]);
  });

  it('fetches each distinct URL once, at most `concurrency` at a time', async () => {
    const table: Record<string, FetchedUrl> = {};
    for (let index = 0; index < 6; index += 1) table[`https://images.example.com/${index}`] = { bytes: png, contentType: 'image/png' };
    const { fetchUrl, calls, mostAtOnce } = tableFetcher(table);
    const urls = Object.keys(table);
    await inlineUrlSources(request([...urls, ...urls].map(imageUrl)), fetchUrl, { concurrency: 2 });
    expect([...calls].sort()).toEqual([...urls].sort());
    expect(mostAtOnce()).toBe(2);
  });

  it.each([
    [
      'an image URL that is not an image',
      [imageUrl('https://x.example.com/page')],
      { bytes: Buffer.from('<html>'), contentType: 'text/html' },
      'messages.0.content.0.source.url: the URL from host "x.example.com" is not a jpeg, png, gif or webp image (content-type: text/html)',
    ],
    [
      'a document URL that is not a PDF',
      [documentUrl('https://x.example.com/page')],
      { bytes: Buffer.from('plain words'), contentType: 'application/pdf' },
      'messages.0.content.0.source.url: the URL from host "x.example.com" is not a PDF document (content-type: application/pdf); url documents must be PDFs',
    ],
  ])('refuses %s', async (_name, content, fetched, message) => {
    const { fetchUrl } = tableFetcher({ 'https://x.example.com/page': fetched });
    const error: unknown = await inlineUrlSources(request(content), fetchUrl).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProxyError);
    expect([(error as ProxyError).type, (error as ProxyError).message]).toEqual(['invalid_request_error', message]);
  });

  it('names the block whose fetch failed', async () => {
    const { fetchUrl } = tableFetcher({ 'https://images.example.com/a.png': { bytes: png, contentType: 'image/png' } });
    const content = [imageUrl('https://images.example.com/a.png'), { type: 'tool_result', tool_use_id: 't', content: [imageUrl('https://gone.example.com/x?token=secret')] }];
    const error: unknown = await inlineUrlSources(request(content), fetchUrl).catch((caught: unknown) => caught);
    expect((error as ProxyError).message).toBe(
      'messages.0.content.1.content.0.source.url: The URL from host "gone.example.com" could not be used: it answered HTTP 404',
    );
  });

  it('refuses more distinct URLs than allowed, and bodies that add up to too much', async () => {
    const { fetchUrl } = tableFetcher({
      'https://images.example.com/1': { bytes: Buffer.alloc(600, 0xff), contentType: 'image/png' },
      'https://images.example.com/2': { bytes: Buffer.alloc(600, 0xff), contentType: 'image/png' },
    });
    const twoImages = request([imageUrl('https://images.example.com/1'), imageUrl('https://images.example.com/2')]);
    await expect(inlineUrlSources(twoImages, fetchUrl, { maxSources: 1 })).rejects.toThrow('a request may carry at most 1 distinct url sources; it has 2');
    await expect(inlineUrlSources(twoImages, fetchUrl, { maxTotalBytes: 1000, concurrency: 1 })).rejects.toThrow(
      'messages.0.content.1.source.url: the url sources of this request add up to more than 1000 bytes',
    );
  });
});
