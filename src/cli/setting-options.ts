import { Option, type Command } from 'commander';
import { settings, type RawSettings, type SettingName } from '../config/settings.js';

type FlaggedSetting = { [Name in SettingName]: (typeof settings)[Name] extends { flag: object } ? Name : never }[SettingName];

function optionFor(name: FlaggedSetting): Option {
  const { spec, help } = settings[name].flag;
  return new Option(spec, `${help} (env ${name})`);
}

/** Adds the command-line options of these settings, with the help text kept beside each setting. */
export function addSettingOptions(command: Command, names: ReadonlyArray<FlaggedSetting>): Command {
  for (const name of names) command.addOption(optionFor(name));
  return command;
}

/** The settings given on the command line, so the environment and `.env` still apply to the rest. */
export function settingsFromOptions(command: Command, names: ReadonlyArray<FlaggedSetting>): RawSettings {
  const values = command.opts<Record<string, unknown>>();
  const given: RawSettings = {};
  for (const name of names) {
    const attribute = optionFor(name).attributeName();
    if (command.getOptionValueSource(attribute) !== 'cli') continue;
    const value = values[attribute];
    if (value !== undefined) given[name] = String(value);
  }
  return given;
}

export const storeSettingNames = ['DATA_DIR', 'STORE', 'DYNAMODB_ENDPOINT_URL', 'AWS_REGION', 'AWS_PROFILE', 'TABLE_PREFIX'] as const satisfies ReadonlyArray<FlaggedSetting>;
