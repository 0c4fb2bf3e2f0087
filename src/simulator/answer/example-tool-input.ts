const maximumDepth = 4;

/** A plausible tool input: one value for each required property of a JSON schema, by its type. */
export function exampleToolInput(schema: unknown, depth = 0): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (!isRecord(schema) || depth > maximumDepth) return input;
  const properties = isRecord(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  for (const name of required) {
    if (typeof name === 'string') input[name] = exampleValue(properties[name], depth);
  }
  return input;
}

function exampleValue(schema: unknown, depth: number): unknown {
  if (!isRecord(schema)) return 'example';
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  const type = Array.isArray(schema['type']) ? schema['type'][0] : schema['type'];
  switch (type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return exampleToolInput(schema, depth + 1);
    case 'null':
      return null;
    default:
      return 'example';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
