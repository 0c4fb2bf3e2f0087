import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += alphabet[byte % alphabet.length];
  return text;
}

export interface IdSource {
  requestId(): string;
  messageId(): string;
}

/** Ids shaped like Anthropic's (`req_…`) and like Bedrock's native Claude messages (`msg_bdrk_…`). */
export const randomIds: IdSource = {
  requestId: () => `req_${randomBase62(24)}`,
  messageId: () => `msg_bdrk_${randomBase62(24)}`,
};
