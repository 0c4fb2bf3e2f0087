import { SCRIPT_MARKER, type MockScript } from '../../src/simulator/script.js';

/** The text of a user message that tells the Bedrock simulator what to answer. */
export function scripted(script: MockScript | string): string {
  return `${SCRIPT_MARKER} ${typeof script === 'string' ? script : JSON.stringify(script)}`;
}

/** A one-message conversation whose last user turn carries a script. */
export function scriptedMessages(script: MockScript | string, question = 'Hello?') {
  return [{ role: 'user' as const, content: [{ type: 'text' as const, text: question }, { type: 'text' as const, text: scripted(script) }] }];
}
