import type { ConverseRequestBody } from '../../bedrock/types.js';
import { SCRIPT_MARKER, type MockScript } from '../script.js';
import type { SimulatorOperation } from '../operations.js';
import { findDirective } from './find-directive.js';
import { mockScriptSchema } from './mock-script-schema.js';
import { buildPreset, isPresetName, presetNames } from './presets.js';

export interface ResolveScriptOptions {
  body: ConverseRequestBody;
  operation: SimulatorOperation;
  defaultScript: MockScript | undefined;
}

export type ScriptResolution =
  | { ok: true; script: MockScript; lastUserText: string }
  | { ok: false; message: string };

/** The request's own directive wins, then the simulator's default script, then the echo answer. */
export function resolveScript({ body, operation, defaultScript }: ResolveScriptOptions): ScriptResolution {
  const { directive, lastUserText } = findDirective(body);
  if (directive === undefined) return { ok: true, script: defaultScript ?? {}, lastUserText };
  if (directive.startsWith('{')) return parseScript(directive, lastUserText);
  if (!isPresetName(directive)) {
    return {
      ok: false,
      message: `${SCRIPT_MARKER} unknown preset "${directive}". Known presets: ${presetNames.join(', ')}; or give a JSON script.`,
    };
  }
  const preset = buildPreset(directive, { body, operation });
  return 'problem' in preset
    ? { ok: false, message: `${SCRIPT_MARKER} ${preset.problem}.` }
    : { ok: true, script: preset.script, lastUserText };
}

function parseScript(text: string, lastUserText: string): ScriptResolution {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${SCRIPT_MARKER} the script is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = mockScriptSchema.safeParse(json);
  if (parsed.success) return { ok: true, script: parsed.data, lastUserText };
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(script)'}: ${issue.message}`);
  return { ok: false, message: `${SCRIPT_MARKER} the script is invalid: ${problems.join('; ')}` };
}
