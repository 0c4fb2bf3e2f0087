import type { Item } from './item-fields.js';

export interface UpdateExpressionParts {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Item;
}

/** SET and REMOVE clauses with every attribute name aliased (`name` and `status` are reserved words). */
export function updateExpression(changes: { set: Item; remove: string[] }): UpdateExpressionParts {
  const names: Record<string, string> = {};
  const values: Item = {};
  const setClauses = Object.entries(changes.set).map(([attribute, value]) => {
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    return `#${attribute} = :${attribute}`;
  });
  const removeClauses = changes.remove.map((attribute) => {
    names[`#${attribute}`] = attribute;
    return `#${attribute}`;
  });
  const clauses = [
    ...(setClauses.length > 0 ? [`SET ${setClauses.join(', ')}`] : []),
    ...(removeClauses.length > 0 ? [`REMOVE ${removeClauses.join(', ')}`] : []),
  ];
  return {
    UpdateExpression: clauses.join(' '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}
