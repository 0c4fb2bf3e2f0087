import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The text of `.env` in the working directory, if there is one. */
export function readDotenvFile(directory = process.cwd()): string | undefined {
  const file = path.join(directory, '.env');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Resolves with the name of the first of SIGINT / SIGTERM the process receives. */
export function waitForShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
