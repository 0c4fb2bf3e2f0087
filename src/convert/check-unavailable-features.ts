import type { MessagesRequest } from '../anthropic/request-schema.js';
import { unsupportedField } from '../errors.js';

/** Request fields that would change the answer and that no Bedrock API can honour: refused, naming them. */
export function checkUnavailableFeatures(request: MessagesRequest, api: 'Converse' | 'InvokeModel'): void {
  if (request.speed === 'fast') throw unsupportedField(['speed'], 'speed "fast" is not available through Bedrock');
  if (request.container !== undefined && request.container !== null) {
    throw unsupportedField(['container'], 'containers (code execution and skills) are not supported through Bedrock');
  }
  if (request.mcp_servers !== undefined && request.mcp_servers.length > 0) {
    throw unsupportedField(['mcp_servers'], `MCP servers are not supported through Bedrock ${api}; connect MCP tools on the client side`);
  }
  if (request.inference_geo !== undefined && request.inference_geo !== null) {
    throw unsupportedField(['inference_geo'], "inference_geo is not supported; the proxy's model mapping chooses the Bedrock inference profile");
  }
}
