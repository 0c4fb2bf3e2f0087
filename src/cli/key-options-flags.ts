import type { Command } from 'commander';
import { guardrailSettingsSchema, guardrailTraces, type GuardrailSettings, type GuardrailTrace } from '../bedrock/guardrail-settings.js';
import type { ApiKeyStore, KeyOptions } from '../store/types.js';
import { UsageError } from './cli-error.js';

interface GuardrailFlags {
  guardrailId?: string;
  guardrailVersion?: string;
  guardrailTrace?: string;
}

/** `keys create`: `--no-response-cache` makes `responseCache` false; it is true when not given. */
export interface CreateOptionFlags extends GuardrailFlags {
  responseCache?: boolean;
}

/** `keys set-options`: `--no-guardrail` makes `guardrail` false. */
export interface SetOptionFlags extends GuardrailFlags {
  responseCache?: string;
  guardrail?: boolean;
}

export type KeyOptionChanges = Parameters<ApiKeyStore['setOptions']>[1];

/** What `set-options` asks for; a trace given alone changes the trace of the key's current guardrail. */
export interface RequestedOptionChanges {
  changes: KeyOptionChanges;
  traceOnly?: GuardrailTrace;
}

const allowed = {
  identifier: { flag: '--guardrail-id', text: 'a guardrail id (lower-case letters and digits) or a guardrail ARN' },
  version: { flag: '--guardrail-version', text: 'DRAFT or a version number (1-99999999)' },
  trace: { flag: '--guardrail-trace', text: `one of ${guardrailTraces.join(', ')}` },
} as const;

const responseCacheChoices = new Map<string, boolean | null>([['on', true], ['off', false], ['default', null]]);

export function withCreateOptionFlags(command: Command): Command {
  return withGuardrailFlags(command.option('--no-response-cache', 'this key\'s requests never use the response cache'));
}

export function withSetOptionFlags(command: Command): Command {
  return withGuardrailFlags(command.option('--response-cache <mode>', 'on, off, or default (the proxy\'s RESPONSE_CACHE)'))
    .option('--no-guardrail', 'remove the key\'s own guardrail (GUARDRAIL_ID applies again)');
}

function withGuardrailFlags(command: Command): Command {
  return command
    .option('--guardrail-id <id>', `a Bedrock guardrail for this key instead of GUARDRAIL_ID: ${allowed.identifier.text}`)
    .option('--guardrail-version <version>', `its version: ${allowed.version.text}`)
    .option('--guardrail-trace <trace>', `its trace: ${allowed.trace.text}`);
}

/** The options of a new key: only what the flags set. */
export function readCreateOptions(flags: CreateOptionFlags): KeyOptions {
  if (flags.guardrailId === undefined && flags.guardrailVersion === undefined && flags.guardrailTrace !== undefined) {
    throw new UsageError('--guardrail-trace needs --guardrail-id and --guardrail-version');
  }
  const guardrail = readGuardrail(flags);
  return {
    ...(flags.responseCache === false ? { responseCache: false } : {}),
    ...(guardrail === undefined ? {} : { guardrail }),
  };
}

export function readSetOptions(flags: SetOptionFlags): RequestedOptionChanges {
  const changes: KeyOptionChanges = {};
  if (flags.responseCache !== undefined) {
    const choice = responseCacheChoices.get(flags.responseCache);
    if (choice === undefined) throw new UsageError(`--response-cache must be on, off or default; got "${flags.responseCache}"`);
    changes.responseCache = choice;
  }
  const guardrailGiven = flags.guardrailId !== undefined || flags.guardrailVersion !== undefined || flags.guardrailTrace !== undefined;
  if (flags.guardrail === false) {
    if (guardrailGiven) throw new UsageError('--no-guardrail cannot be combined with --guardrail-id, --guardrail-version or --guardrail-trace');
    changes.guardrail = null;
  }
  if (flags.guardrailId === undefined && flags.guardrailVersion === undefined && flags.guardrailTrace !== undefined) {
    return { changes, traceOnly: readTrace(flags.guardrailTrace) };
  }
  const guardrail = readGuardrail(flags);
  if (guardrail !== undefined) changes.guardrail = guardrail;
  if (Object.keys(changes).length === 0) {
    throw new UsageError('give at least one of --response-cache, --guardrail-id with --guardrail-version, --guardrail-trace, --no-guardrail');
  }
  return { changes };
}

/** `no cache, guardrail abc123:2 (trace enabled)`: the options in a table cell; empty when none. */
export function describeKeyOptions(options: KeyOptions): string {
  const parts: string[] = [];
  if (options.responseCache !== undefined) parts.push(options.responseCache ? 'cache' : 'no cache');
  const guardrail = options.guardrail;
  if (guardrail !== undefined) {
    parts.push(`guardrail ${guardrail.identifier}:${guardrail.version}${guardrail.trace === undefined ? '' : ` (trace ${guardrail.trace})`}`);
  }
  return parts.join(', ');
}

function readGuardrail(flags: GuardrailFlags): GuardrailSettings | undefined {
  const { guardrailId: identifier, guardrailVersion: version, guardrailTrace: trace } = flags;
  if (identifier === undefined && version === undefined) return undefined;
  if (identifier === undefined) throw new UsageError(`--guardrail-version needs --guardrail-id: ${allowed.identifier.text}`);
  if (version === undefined) throw new UsageError(`--guardrail-id needs --guardrail-version: ${allowed.version.text}`);
  const parsed = guardrailSettingsSchema.safeParse({ identifier, version, ...(trace === undefined ? {} : { trace }) });
  if (parsed.success) return parsed.data;
  const path = parsed.error.issues[0]?.path[0];
  const field: keyof typeof allowed = path === 'version' || path === 'trace' ? path : 'identifier';
  throw new UsageError(`${allowed[field].flag} must be ${allowed[field].text}; got "${{ identifier, version, trace }[field] ?? ''}"`);
}

function readTrace(trace: string): GuardrailTrace {
  const parsed = guardrailSettingsSchema.shape.trace.safeParse(trace);
  if (!parsed.success || parsed.data === undefined) throw new UsageError(`--guardrail-trace must be ${allowed.trace.text}; got "${trace}"`);
  return parsed.data;
}
