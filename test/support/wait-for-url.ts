import type { ResultPromise } from 'execa';

/**
 * Waits until a started `proxy serve` or `proxy mock-bedrock` prints the address it listens on;
 * resolves with that URL and the stdout lines so far, rejects if the process exits first.
 */
export function waitForUrl(child: ResultPromise): Promise<{ url: string; lines: string[] }> {
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      lines.push(...parts);
      const line = lines.find((candidate) => /http:\/\/[\d.]+:\d+/.test(candidate));
      if (line !== undefined) resolve({ url: /http:\/\/[\d.]+:\d+/.exec(line)![0], lines });
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)));
  });
}
