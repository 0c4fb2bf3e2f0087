import { randomFillSync } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Random bytes drawn from a pool refilled 4 KB at a time: one `randomFillSync` per ~80 ids
 * instead of one per id, which showed in request profiles.
 */
function createRandomPool(size = 4096) {
  const pool = Buffer.allocUnsafe(size);
  let offset = size;
  return (length: number): Buffer => {
    if (offset + length > size) {
      randomFillSync(pool);
      offset = 0;
    }
    const bytes = pool.subarray(offset, offset + length);
    offset += length;
    return bytes;
  };
}

const randomBytes = createRandomPool();

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
