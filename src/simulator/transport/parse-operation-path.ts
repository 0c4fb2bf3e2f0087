import type { SimulatorOperation } from '../operations.js';

export type { SimulatorOperation } from '../operations.js';

export interface OperationRoute {
  operation: SimulatorOperation;
  /** Percent-decoded. */
  modelId: string;
}

const operationsByAction: Readonly<Record<string, SimulatorOperation>> = {
  converse: 'Converse',
  'converse-stream': 'ConverseStream',
  invoke: 'InvokeModel',
  'invoke-with-response-stream': 'InvokeModelWithResponseStream',
  'count-tokens': 'CountTokens',
};

const routePattern = /^\/model\/([^/]+)\/([a-z-]+)$/;

/** `POST /model/{modelId}/{action}`; anything else (such as an un-encoded ARN) is no operation. */
export function parseOperationPath(method: string | undefined, url: string | undefined): OperationRoute | undefined {
  if (method !== 'POST' || url === undefined) return undefined;
  const queryStart = url.indexOf('?');
  const match = routePattern.exec(queryStart === -1 ? url : url.slice(0, queryStart));
  if (match === null) return undefined;
  const [, encodedModelId = '', action = ''] = match;
  const operation = Object.hasOwn(operationsByAction, action) ? operationsByAction[action] : undefined;
  if (operation === undefined) return undefined;
  try {
    return { operation, modelId: decodeURIComponent(encodedModelId) };
  } catch {
    return undefined;
  }
}

