import { betaFlags } from './beta-flags.js';
import { cacheControlLimit } from './cache-control-limit.js';
import { contentNotEmpty } from './content-not-empty.js';
import { contextManagement } from './context-management.js';
import { firstMessageUser } from './first-message-user.js';
import type { InvokeRule, InvokeShapeRule } from './invoke-rule-types.js';
import { messageShapes } from './message-shapes.js';
import { nativeTextNotBlank } from './native-text-not-blank.js';
import { requiredFields } from './required-fields.js';
import { samplingFields } from './sampling-fields.js';
import { systemShape } from './system-shape.js';
import { thinkingConfig } from './thinking-config.js';
import { toolChoice } from './tool-choice.js';
import { toolDefinitions } from './tool-definitions.js';
import { toolResultsFollowToolUses } from './tool-results-follow-tool-uses.js';
import { toolsRequired } from './tools-required.js';
import { topLevelKeys } from './top-level-keys.js';

/** The body's shape, field by field; the first failure wins. */
export const invokeShapeRules: readonly InvokeShapeRule[] = [
  topLevelKeys,
  requiredFields,
  betaFlags,
  samplingFields,
  systemShape,
  messageShapes,
  toolDefinitions,
  toolChoice,
  thinkingConfig,
  contextManagement,
];

/** Conversation rules on a well-shaped body. */
export const invokeRules: readonly InvokeRule[] = [
  firstMessageUser,
  contentNotEmpty,
  nativeTextNotBlank,
  cacheControlLimit,
  toolsRequired,
  toolResultsFollowToolUses,
];
