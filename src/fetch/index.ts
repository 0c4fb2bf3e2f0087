export { createUrlFetcher, type FetchedUrl, type UrlFetcher, type UrlFetcherDependencies } from './create-url-fetcher.js';
export { inlineUrlSources, type InlineUrlSourcesOptions } from './inline-url-sources.js';
export { classifyAddress, type AddressClass } from './classify-address.js';
export { defaultUrlFetchPolicy, type UrlFetchPolicy, type UrlScheme } from './url-fetch-policy.js';
