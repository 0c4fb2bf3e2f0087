import { z } from 'zod';
import type { MockScript } from '../script.js';

const count = z.number().int().min(0);

/** The fault fields of a MockScript, spread into the script schema. */
export const faultScriptShape = {
  failFirst: z.strictObject({ times: z.number().int().min(1), id: z.string().min(1).max(200) }).optional(),
  stallAfterEvents: count.optional(),
  resetAfterEvents: count.optional(),
  corruptFrameAfterEvents: count.optional(),
  headersThenStallMs: count.optional(),
};

const endingFaults = ['streamException', 'stallAfterEvents', 'resetAfterEvents', 'corruptFrameAfterEvents'] as const;

/** Combinations the simulator cannot play: `failFirst` without an error, or two ways for one stream to end. */
export function checkFaultScript(script: MockScript, context: z.RefinementCtx): void {
  if (script.failFirst !== undefined && script.error === undefined) {
    context.addIssue({ code: 'custom', path: ['failFirst'], message: 'failFirst needs an error to answer' });
  }
  const endings = endingFaults.filter((name) => script[name] !== undefined);
  if (endings.length > 1) {
    context.addIssue({ code: 'custom', path: [endings[1] ?? ''], message: `a stream ends one way only; choose one of ${endings.join(', ')}` });
  }
}
