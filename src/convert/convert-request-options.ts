import type { MessagesRequest } from '../anthropic/request-schema.js';
import type { ConverseRequestBody } from '../bedrock/types.js';
import { unsupportedField } from '../errors.js';
import { checkUnavailableFeatures } from './check-unavailable-features.js';
import type { ConversionContext } from './conversion-context.js';

/** Bedrock's rule for request-metadata values (invocation-log filtering). */
const requestMetadataValuePattern = /^[a-zA-Z0-9\s:_@$#=/+,\-.]{1,256}$/;

/**
 * The request fields around the conversation (spec §1.1): mapped where Bedrock has an equivalent,
 * refused where the answer would differ, dropped with a warning where they are only hints.
 */
export function convertRequestOptions(
  request: MessagesRequest,
  context: ConversionContext,
): Pick<ConverseRequestBody, 'requestMetadata' | 'serviceTier'> {
  const body: Pick<ConverseRequestBody, 'requestMetadata' | 'serviceTier'> = {};
  const userId = request.metadata?.user_id;
  if (userId !== undefined && userId !== null && userId.length > 0) {
    if (requestMetadataValuePattern.test(userId)) body.requestMetadata = { user_id: userId };
    else context.warnings.push('metadata.user_id: not sent; Bedrock request metadata allows at most 256 letters, digits, spaces and : _ @ $ # = / + , - .');
  }
  if (request.service_tier === 'standard_only') body.serviceTier = { type: 'default' };
  checkUnavailableFeatures(request, 'Converse');
  if (request.diagnostics !== undefined && request.diagnostics !== null) {
    context.warnings.push('diagnostics: ignored; Bedrock reports no cache diagnostics');
  }
  if (request.workspace_id !== undefined) context.warnings.push('workspace_id: ignored; Bedrock has no Anthropic workspaces');
  if (request.user_profile_id !== undefined) context.warnings.push('user_profile_id: ignored; Bedrock has no Anthropic user profiles');
  checkContextManagement(request.context_management);
  return body;
}

/** Only the edit that clears nothing (clear_thinking with keep "all") has an equivalent: doing nothing. */
function checkContextManagement(contextManagement: MessagesRequest['context_management']): void {
  (contextManagement?.edits ?? []).forEach((edit, index) => {
    const keep = edit.keep;
    const keepsAll = keep === 'all' || (typeof keep === 'object' && keep !== null && (keep as { type?: unknown }).type === 'all');
    if (edit.type === 'clear_thinking_20251015' && keepsAll) return;
    const detail = edit.type === 'clear_thinking_20251015' ? ' unless it keeps "all" thinking' : '';
    throw unsupportedField(['context_management', 'edits', index], `context management edit "${edit.type}" is not supported through Bedrock${detail}`);
  });
}
