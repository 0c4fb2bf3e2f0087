/** The Bedrock Runtime operations the simulator serves, named as the AWS SDK names them. */
export type SimulatorOperation = 'Converse' | 'ConverseStream' | 'InvokeModel' | 'InvokeModelWithResponseStream' | 'CountTokens';

/** The operations that answer with an event stream. */
export function isStreamingOperation(operation: SimulatorOperation): boolean {
  return operation === 'ConverseStream' || operation === 'InvokeModelWithResponseStream';
}
