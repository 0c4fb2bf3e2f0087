const messageCrcLength = 4;

/** A copy of an event-stream frame whose trailing message CRC no longer matches its content. */
export function corruptFrameCrc(frame: Uint8Array): Uint8Array {
  const corrupted = Uint8Array.from(frame);
  for (let index = Math.max(0, corrupted.length - messageCrcLength); index < corrupted.length; index += 1) {
    corrupted[index] = (corrupted[index] ?? 0) ^ 0xff;
  }
  return corrupted;
}
