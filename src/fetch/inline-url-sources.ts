import type { ContentBlockParam, DocumentBlockParam, ImageBlockParam, MessagesRequest, ToolResultContentParam } from '../anthropic/request-schema.js';
import { invalidField, isProxyError } from '../errors.js';
import type { FetchedUrl, UrlFetcher } from './create-url-fetcher.js';
import { declaredImageType, isPdf, sniffImageType } from './sniff-media-type.js';

type UrlSourceBlock = ImageBlockParam | DocumentBlockParam;
type VisitedBlock = ContentBlockParam | ToolResultContentParam;
type Path = ReadonlyArray<string | number>;
type Visit = (block: UrlSourceBlock, url: string, path: Path) => void;

export interface InlineUrlSourcesOptions {
  /** Fetches at a time; default 4. */
  concurrency?: number;
  /** Distinct URLs per request; default 100. */
  maxSources?: number;
  /** All fetched bodies together; default 32 MB (the request itself is limited too). */
  maxTotalBytes?: number;
}

/**
 * A copy of the request with every image and document `url` source replaced by a base64 source, or
 * the request itself when it has none. Images take their media type from the bytes' magic number,
 * else the response's content type (jpeg, png, gif, webp); documents must be PDFs. Each distinct
 * URL is fetched once, a few at a time. Failures are `invalid_request_error`s naming the block.
 */
export async function inlineUrlSources(request: MessagesRequest, fetchUrl: UrlFetcher, options: InlineUrlSourcesOptions = {}): Promise<MessagesRequest> {
  const firstPaths = new Map<string, Path>();
  visitUrlSources(request, (_block, url, path) => {
    if (!firstPaths.has(url)) firstPaths.set(url, path);
  });
  if (firstPaths.size === 0) return request;
  const maxSources = options.maxSources ?? 100;
  if (firstPaths.size > maxSources) throw invalidField([], `a request may carry at most ${maxSources} distinct url sources; it has ${firstPaths.size}`);

  const maxTotalBytes = options.maxTotalBytes ?? 32 * 1024 * 1024;
  const fetched = new Map<string, FetchedUrl>();
  let totalBytes = 0;
  await forEachBounded([...firstPaths], options.concurrency ?? 4, async ([url, path]) => {
    let result: FetchedUrl;
    try {
      result = await fetchUrl(url);
    } catch (error) {
      throw isProxyError(error) ? invalidField([...path, 'source', 'url'], error.message) : error;
    }
    totalBytes += result.bytes.length;
    if (totalBytes > maxTotalBytes) throw invalidField([...path, 'source', 'url'], `the url sources of this request add up to more than ${maxTotalBytes} bytes`);
    fetched.set(url, result);
  });

  const copy = structuredClone(request);
  visitUrlSources(copy, (block, url, path) => {
    const result = fetched.get(url);
    if (result !== undefined) replaceSource(block, url, result, path);
  });
  return copy;
}

function replaceSource(block: UrlSourceBlock, url: string, { bytes, contentType }: FetchedUrl, path: Path): void {
  const host = new URL(url).hostname;
  const data = bytes.toString('base64');
  if (block.type === 'image') {
    const mediaType = sniffImageType(bytes) ?? declaredImageType(contentType);
    if (mediaType === undefined) {
      throw invalidField([...path, 'source', 'url'], `the URL from host "${host}" is not a jpeg, png, gif or webp image (content-type: ${contentType ?? 'none'})`);
    }
    block.source = { type: 'base64', media_type: mediaType, data };
    return;
  }
  if (!isPdf(bytes)) {
    throw invalidField([...path, 'source', 'url'], `the URL from host "${host}" is not a PDF document (content-type: ${contentType ?? 'none'}); url documents must be PDFs`);
  }
  block.source = { type: 'base64', media_type: 'application/pdf', data };
}

/** Image and document blocks with a `url` source: in messages, in tool results, and in document content. */
function visitUrlSources(request: MessagesRequest, visit: Visit): void {
  request.messages.forEach((message, messageIndex) => {
    if (message.role === 'system' || typeof message.content === 'string') return;
    message.content.forEach((block, blockIndex) => visitBlock(block, ['messages', messageIndex, 'content', blockIndex], visit));
  });
}

function visitBlock(block: VisitedBlock, path: Path, visit: Visit): void {
  if (block.type === 'image') {
    if (block.source.type === 'url') visit(block, block.source.url, path);
  } else if (block.type === 'document') {
    const source = block.source;
    if (source.type === 'url') visit(block, source.url, path);
    if (source.type === 'content' && typeof source.content !== 'string') {
      source.content.forEach((item, index) => visitBlock(item, [...path, 'source', 'content', index], visit));
    }
  } else if (block.type === 'tool_result' && Array.isArray(block.content)) {
    block.content.forEach((item, index) => visitBlock(item, [...path, 'content', index], visit));
  }
}

/** Runs `task` over the items, at most `limit` at a time; the first failure stops new ones from starting. */
async function forEachBounded<Item>(items: readonly Item[], limit: number, task: (item: Item) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next] as Item;
      next += 1;
      try {
        await task(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
