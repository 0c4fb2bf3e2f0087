import { anthropicAdditionalFields } from './anthropic-additional-fields.js';
import { assistantMedia } from './assistant-media.js';
import { cachePointLimit } from './cache-point-limit.js';
import { cachePointNotAlone } from './cache-point-not-alone.js';
import { conversationStartsWithUser } from './conversation-starts-with-user.js';
import { documentLimits } from './document-limits.js';
import { documentNameCharacters } from './document-name-characters.js';
import { documentNameLengthConstraint } from './document-name-length-constraint.js';
import { documentNeedsText } from './document-needs-text.js';
import { enumConstraints } from './enum-constraints.js';
import { guardrailConfigConstraints } from './guardrail-config-constraints.js';
import { inferenceConfigConstraints } from './inference-config-constraints.js';
import { messageContentNotEmpty } from './message-content-not-empty.js';
import { messageRoleConstraint } from './message-role-constraint.js';
import { rolesAlternate } from './roles-alternate.js';
import { textNotBlank } from './text-not-blank.js';
import { thinkingBudget } from './thinking-budget.js';
import { toolBlockConstraints } from './tool-block-constraints.js';
import { toolChoiceConflict } from './tool-choice-conflict.js';
import { toolChoiceTypeRequired } from './tool-choice-type-required.js';
import { toolConfigConstraints } from './tool-config-constraints.js';
import { toolConfigRequired } from './tool-config-required.js';
import { toolResultsAnswerToolUses } from './tool-results-answer-tool-uses.js';
import { toolUseIdsUnique } from './tool-use-ids-unique.js';
import type { ConstraintRule, ValidationRule } from './validation-types.js';

/**
 * Service-model constraints: all violations are collected and reported together, as Coral does,
 * before any other rule runs.
 */
export const constraintRules: readonly ConstraintRule[] = [
  messageRoleConstraint,
  inferenceConfigConstraints,
  toolConfigConstraints,
  toolBlockConstraints,
  documentNameLengthConstraint,
  enumConstraints,
  guardrailConfigConstraints,
];

/** Bedrock's own checks, then the model's (`The model returned the following errors: …`); the first failure wins. */
export const validationRules: readonly ValidationRule[] = [
  conversationStartsWithUser,
  rolesAlternate,
  messageContentNotEmpty,
  textNotBlank,
  cachePointNotAlone,
  toolConfigRequired,
  toolUseIdsUnique,
  toolResultsAnswerToolUses,
  documentNameCharacters,
  assistantMedia,
  documentNeedsText,
  documentLimits,
  toolChoiceConflict,
  cachePointLimit,
  toolChoiceTypeRequired,
  anthropicAdditionalFields,
  thinkingBudget,
];
