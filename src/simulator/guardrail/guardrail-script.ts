import type { z } from 'zod';
import type { MockScript } from '../script.js';

/** What Bedrock answers in place of a blocked answer when a guardrail sets no message of its own. */
export const guardrailBlockedMessage = 'Sorry, the model cannot answer this question.';

/** A guardrail intervention replaces the whole answer, so a script cannot also give content. */
export function checkGuardrailScript(script: MockScript, context: z.RefinementCtx): void {
  if (script.guardrail !== undefined && script.content !== undefined) {
    context.addIssue({ code: 'custom', path: ['content'], message: 'a guardrail intervention replaces the answer; give no content with it' });
  }
}
