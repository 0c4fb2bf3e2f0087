import type { NativeRequestBody } from '../../native/native-request.js';

/** A check on the raw body, before its shape is known: a Claude-worded message, or undefined when it passes. */
export type InvokeShapeRule = (body: Record<string, unknown>) => string | undefined;

/** A check on a body whose shape has passed every shape rule. */
export type InvokeRule = (body: NativeRequestBody) => string | undefined;
