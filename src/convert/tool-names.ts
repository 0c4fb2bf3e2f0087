import { invalidField } from '../errors.js';

/** Anthropic tool names ⇄ the names Bedrock sees (1–64 characters of `[a-zA-Z0-9_-]`). */
export interface ToolNameMap {
  toBedrock(name: string): string;
  toAnthropic(name: string): string;
}

export interface ToolNameRegistry extends ToolNameMap {
  /** Records a name seen in the request; refuses two names that would reach Bedrock as one. */
  register(name: string, path: ReadonlyArray<string | number>): string;
}

const bedrockToolNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;
const hashLength = 8;
const prefixLength = 64 - hashLength - 1;

/**
 * The Bedrock name of a tool: unchanged when Bedrock accepts it, otherwise a readable prefix and
 * a hash of the full name. Deterministic, so the same tool has the same name in every request and
 * tool calls in history keep matching their definitions.
 */
export function bedrockToolName(name: string): string {
  if (bedrockToolNamePattern.test(name)) return name;
  const prefix = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, prefixLength);
  return `${prefix}_${fnv1aHex(name)}`;
}

export function createToolNameMap(): ToolNameRegistry {
  const anthropicByBedrock = new Map<string, string>();
  return {
    register(name, path) {
      const bedrockName = bedrockToolName(name);
      const existing = anthropicByBedrock.get(bedrockName);
      if (existing !== undefined && existing !== name) {
        throw invalidField(
          path,
          `tool names "${existing}" and "${name}" both become "${bedrockName}" under Bedrock's tool-name rules (1-64 characters of a-z, A-Z, 0-9, _ and -); rename one of them`,
        );
      }
      anthropicByBedrock.set(bedrockName, name);
      return bedrockName;
    },
    toBedrock: bedrockToolName,
    toAnthropic: (name) => anthropicByBedrock.get(name) ?? name,
  };
}

/** 32-bit FNV-1a of the UTF-8 bytes, as 8 hex digits. */
function fnv1aHex(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(hashLength, '0');
}
