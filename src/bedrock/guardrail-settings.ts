import { z } from 'zod';

/** Bedrock's guardrail trace setting as Converse spells it (InvokeModel's header takes it upper-case). */
export type GuardrailTrace = 'enabled' | 'disabled' | 'enabled_full';

/** A Bedrock guardrail applied to a call: the proxy's own (GUARDRAIL_ID / GUARDRAIL_VERSION) or a key's. */
export interface GuardrailSettings {
  /** A guardrail id (`abc123xyz9`) or its ARN. */
  identifier: string;
  /** A published version number, or `DRAFT`. */
  version: string;
  trace?: GuardrailTrace;
}

/** Bedrock's own constraints (GuardrailConfiguration), so a bad setting fails at startup, not on every call. */
export const guardrailIdentifierPattern = /^(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail\/[a-z0-9]+))$/;
export const guardrailVersionPattern = /^(([1-9][0-9]{0,7})|(DRAFT))$/;
export const guardrailTraces = ['enabled', 'disabled', 'enabled_full'] as const satisfies readonly GuardrailTrace[];

export const guardrailSettingsSchema = z.strictObject({
  identifier: z
    .string()
    .min(1)
    .max(2048)
    .regex(guardrailIdentifierPattern, 'must be a guardrail id (lower-case letters and digits) or a guardrail ARN'),
  version: z.string().regex(guardrailVersionPattern, 'must be DRAFT or a version number (1-99999999)'),
  trace: z.enum(guardrailTraces).optional(),
}) satisfies z.ZodType<GuardrailSettings>;
