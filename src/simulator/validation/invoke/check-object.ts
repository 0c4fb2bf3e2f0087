import { isRecord } from '../../native/native-request.js';
import { extraInput, fieldRequired, invalidType, joinPath, matchesKind, type FieldKind } from './pydantic-wording.js';

export interface ObjectSpec {
  /** Every permitted key and its JSON kind; any other key is an extra input. */
  fields: Readonly<Record<string, FieldKind>>;
  required?: readonly string[];
}

/** A JSON object against its permitted keys: extra keys first, then missing ones, then kinds (null counts as absent). */
export function checkObject(value: unknown, path: string, spec: ObjectSpec): string | undefined {
  if (!isRecord(value)) return invalidType(path, 'dictionary');
  const extra = Object.keys(value).find((key) => !Object.hasOwn(spec.fields, key));
  if (extra !== undefined) return extraInput(joinPath(path, extra));
  const missing = (spec.required ?? []).find((key) => value[key] === undefined || value[key] === null);
  if (missing !== undefined) return fieldRequired(joinPath(path, missing));
  for (const [key, kind] of Object.entries(spec.fields)) {
    const member = value[key];
    if (member === undefined || member === null || kind === 'any' || matchesKind(member, kind)) continue;
    return invalidType(joinPath(path, key), kind);
  }
  return undefined;
}
