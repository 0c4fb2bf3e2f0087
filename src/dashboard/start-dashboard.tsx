import { render } from 'ink';
import { UsageApp, type UsageAppProps } from './usage-app.js';

/** Runs the live dashboard in the terminal until `q` or Ctrl-C. */
export async function startDashboard(props: UsageAppProps): Promise<void> {
  const instance = render(<UsageApp {...props} />, { exitOnCtrlC: true, patchConsole: true });
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
  }
}
