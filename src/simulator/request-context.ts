import type { AnswerRandom } from './answer/plan-answer.js';
import type { FailureCounter } from './faults/failure-counter.js';
import type { MockScript } from './script.js';
import type { CacheLedger } from './transport/cache-ledger.js';
import type { CallLog } from './transport/call-log.js';
import type { StreamFrameEncoder } from './transport/encode-stream-frame.js';
import type { SignatureVerifier } from './verify-signature.js';

/** What every request of one simulator shares. */
export interface RequestContext {
  defaultScript: MockScript | undefined;
  verifier: SignatureVerifier | undefined;
  callLog: CallLog;
  cacheLedger: CacheLedger;
  frames: StreamFrameEncoder;
  /** Converse ids (`tooluse_…`) and signatures. */
  random: AnswerRandom;
  /** InvokeModel ids (`toolu_bdrk_…`) and signatures. */
  nativeRandom: AnswerRandom;
  /** `msg_bdrk_…` */
  messageId(): string;
  /** How often each `failFirst` id has been failed. */
  failures: FailureCounter;
  /** Requests in flight; the simulator aborts them all when it closes. */
  inFlight: Set<AbortController>;
}
