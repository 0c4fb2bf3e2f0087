import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type IssuePath = Array<string | number>;

/** The first problem of a failed parse, as a dotted path and Pydantic-style wording like Anthropic's API. */
export function describeSchemaIssue(issue: Issue): { path: IssuePath; message: string } {
  return describeIssue(issue, []);
}

/** Pydantic-style wording, as the Anthropic API words its validation errors. */
function describeIssue(issue: Issue, base: IssuePath): { path: IssuePath; message: string } {
  const path = [...base, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))];
  switch (issue.code) {
    case 'unrecognized_keys':
      return { path: [...path, issue.keys[0] ?? ''], message: 'Extra inputs are not permitted' };
    case 'invalid_union':
      return describeUnionIssue(issue, path);
    case 'invalid_type':
      return { path, message: issue.input === undefined ? 'Field required' : `Input should be ${expectedName(issue.expected)}` };
    case 'invalid_value':
      return { path, message: `Input should be ${listAlternatives(issue.values.map((value) => `'${String(value)}'`))}` };
    case 'too_small':
      return { path, message: describeBound({ origin: issue.origin, direction: 'at least', bound: Number(issue.minimum), inclusive: issue.inclusive }) };
    case 'too_big':
      return { path, message: describeBound({ origin: issue.origin, direction: 'at most', bound: Number(issue.maximum), inclusive: issue.inclusive }) };
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return { path, message: issue.message };
    default: {
      const unhandled: never = issue;
      return { path, message: String(unhandled) };
    }
  }
}

function describeUnionIssue(issue: z.core.$ZodIssueInvalidUnion, path: IssuePath): { path: IssuePath; message: string } {
  if (issue.inclusive === false) return { path, message: issue.message };
  if (issue.discriminator !== undefined) {
    const blockPath = path.slice(0, -1);
    const input = issue.input;
    const tag = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
    if (tag === undefined) return { path: blockPath, message: `Unable to extract tag using discriminator '${issue.discriminator}'` };
    const tags = (issue.options ?? []).filter((option) => option !== null && option !== undefined).map((option) => `'${String(option)}'`);
    return {
      path: blockPath,
      message: `Input tag '${String(tag)}' found using '${issue.discriminator}' does not match any of the expected tags: ${tags.join(', ')}`,
    };
  }
  const firstOfEachBranch = issue.errors.map((branch) => branch[0]).filter((branchIssue) => branchIssue !== undefined);
  const deepest = firstOfEachBranch.reduce<Issue | undefined>(
    (best, candidate) => (best === undefined || candidate.path.length > best.path.length ? candidate : best),
    undefined,
  );
  if (deepest !== undefined && deepest.path.length > 0) return describeIssue(deepest, path);
  const expected = firstOfEachBranch.flatMap((branchIssue) => (branchIssue.code === 'invalid_type' ? [expectedName(branchIssue.expected)] : []));
  return { path, message: expected.length > 0 ? `Input should be ${listAlternatives(expected)}` : issue.message };
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a valid string';
    case 'number':
      return 'a valid number';
    case 'int':
      return 'a valid integer';
    case 'boolean':
      return 'a valid boolean';
    case 'array':
      return 'a valid list';
    case 'object':
    case 'record':
      return 'a valid dictionary';
    default:
      return `a valid ${expected}`;
  }
}

interface Bound {
  origin: string;
  direction: 'at least' | 'at most';
  bound: number;
  inclusive: boolean | undefined;
}

function describeBound({ origin, direction, bound, inclusive }: Bound): string {
  if (origin === 'array') return `List should have ${direction} ${bound} item${bound === 1 ? '' : 's'}`;
  if (origin === 'string') return `String should have ${direction} ${bound} character${bound === 1 ? '' : 's'}`;
  const relation = direction === 'at least' ? 'greater than' : 'less than';
  return `Input should be ${relation}${inclusive === false ? '' : ' or equal to'} ${bound}`;
}

function listAlternatives(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
