import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Item } from './item-fields.js';

/** What each part of the store needs: the shared document client, its table, and a clock. */
export interface TableContext {
  documentClient: DynamoDBDocumentClient;
  table: string;
  /** Where the data lives, for error messages. */
  description: string;
  now: () => Date;
}

export interface Page {
  Items?: Item[];
  LastEvaluatedKey?: Item;
}

/** Follows LastEvaluatedKey until the last page, or until `enough` says the caller has what it needs. */
export async function collectPages(
  fetchPage: (startKey: Item | undefined) => Promise<Page>,
  enough: (items: Item[]) => boolean = () => false,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await fetchPage(startKey);
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined && !enough(items));
  return items;
}
