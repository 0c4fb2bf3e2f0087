import type { ValidationInput } from './validation-types.js';

// ASCII letters and digits only: Bedrock refuses accented and non-Latin names, and any whitespace but one space.
const allowedName = /^[A-Za-z0-9 ()[\]-]*$/;

export function documentNameCharacters({ body }: ValidationInput): string | undefined {
  for (const message of body.messages ?? []) {
    for (const block of message.content ?? []) {
      const name = block.document?.name;
      if (name !== undefined && (!allowedName.test(name) || name.includes('  '))) {
        return "The document file name can only contain alphanumeric characters, whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than one consecutive whitespace character. Check that the file name conforms to these restrictions and retry your request.";
      }
    }
  }
  return undefined;
}
