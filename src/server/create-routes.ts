import type { IncomingMessage } from 'node:http';
import { ProxyError } from '../errors.js';
import { modelsPathPrefix } from './handle-models.js';
import type { RequestContext } from './request-context.js';

export interface Route {
  method: string;
  /** The path pattern, for logs and metrics (never the raw path). */
  pattern: string;
  handle: (context: RequestContext) => Promise<void>;
  /** API routes leave one usage record per request. */
  recordsUsage?: boolean;
}

/** Finds the route of a request; unknown paths are a 404 and known paths with another method a 405, as routes too. */
export function createRouter(routes: ReadonlyArray<Route>): (request: IncomingMessage) => Route {
  const byPattern = new Map<string, Route[]>();
  for (const route of routes) byPattern.set(route.pattern, [...(byPattern.get(route.pattern) ?? []), route]);

  return (request) => {
    const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const isModelPath = trimmed.startsWith(modelsPathPrefix) && !trimmed.slice(modelsPathPrefix.length).includes('/');
    const pattern = isModelPath ? `${modelsPathPrefix}{id}` : trimmed;
    const candidates = byPattern.get(pattern);
    if (candidates === undefined) {
      return {
        method: '*',
        pattern: 'unknown',
        handle: async () => {
          throw new ProxyError('ROUTE_NOT_FOUND', `Not found: ${request.method} ${path.slice(0, 200)}`);
        },
      };
    }
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const route = candidates.find((candidate) => candidate.method === method);
    if (route !== undefined) return route;
    const allowed = candidates.map((candidate) => candidate.method).join(', ');
    return {
      method: '*',
      pattern,
      handle: async ({ response }) => {
        response.setHeader('allow', allowed);
        throw new ProxyError('METHOD_NOT_ALLOWED', `Method ${request.method} is not allowed on ${path}; use ${allowed}`);
      },
    };
  };
}
