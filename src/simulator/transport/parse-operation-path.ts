export type SimulatorOperation = 'Converse' | 'ConverseStream';

export interface OperationRoute {
  operation: SimulatorOperation;
  /** Percent-decoded. */
  modelId: string;
}

const routePattern = /^\/model\/([^/]+)\/(converse|converse-stream)$/;

/** `POST /model/{modelId}/converse[-stream]`; anything else (such as an un-encoded ARN) is no operation. */
export function parseOperationPath(method: string | undefined, url: string | undefined): OperationRoute | undefined {
  if (method !== 'POST' || url === undefined) return undefined;
  const queryStart = url.indexOf('?');
  const match = routePattern.exec(queryStart === -1 ? url : url.slice(0, queryStart));
  if (match === null) return undefined;
  const [, encodedModelId = '', action] = match;
  try {
    return { operation: action === 'converse' ? 'Converse' : 'ConverseStream', modelId: decodeURIComponent(encodedModelId) };
  } catch {
    return undefined;
  }
}
