import type { AnswerPlan } from '../answer/answer-plan.js';
import { nativeModelName } from './native-model-name.js';
import { nativeStopReason } from './native-stop-reason.js';
import type { NativeMessage } from './native-types.js';
import { nativeUsage } from './native-usage.js';
import { renderNativeBlock } from './render-native-block.js';

export interface NativeAnswerIdentity {
  /** `msg_bdrk_…` */
  messageId: string;
  /** The model id from the request path. */
  modelId: string;
}

/** The InvokeModel response body: the plan as an Anthropic `Message`, in Bedrock's key order. */
export function renderNativeMessage(plan: AnswerPlan, identity: NativeAnswerIdentity): NativeMessage {
  return {
    id: identity.messageId,
    type: 'message',
    role: 'assistant',
    model: nativeModelName(identity.modelId),
    content: plan.blocks.map(renderNativeBlock),
    stop_reason: nativeStopReason(plan.stopReason),
    stop_sequence: plan.stopSequence,
    usage: nativeUsage(plan.usage),
  };
}
