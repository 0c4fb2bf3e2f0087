import { Command } from 'commander';
import { UsageError } from './cli-error.js';
import { addSettingOptions, storeSettingNames } from './setting-options.js';

/** A subcommand that works on the store: the store options and `--json` come with it. */
export function storeCommand(name: string, description: string): Command {
  const command = new Command(name).description(description).option('--json', 'print JSON for scripts instead of tables');
  return addSettingOptions(command, storeSettingNames);
}

export function wantsJson(command: Command): boolean {
  return command.opts<{ json?: boolean }>().json === true;
}

/** A limit given on the command line: a positive integer, or `none` (returned as null) to remove it. */
export function parseLimit(value: string | undefined, flag: string, allowNone: boolean): number | null | undefined {
  if (value === undefined) return undefined;
  if (allowNone && value === 'none') return null;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000_000) {
    throw new UsageError(`${flag} must be a whole number from 1 to 1000000000${allowNone ? ', or none to remove the limit' : ''}; got "${value}"`);
  }
  return Number(value);
}
