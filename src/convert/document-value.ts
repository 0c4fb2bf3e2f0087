import type { ConverseDocumentValue } from './converse-shapes.js';

/** A free-form JSON value in a Converse body (`additionalModelRequestFields`, tool inputs). */
export type DocumentValue = ConverseDocumentValue;

/** Values parsed from the client's JSON body are JSON values already; only their static type changes. */
export function asDocumentValue(value: unknown): DocumentValue {
  return value as DocumentValue;
}
