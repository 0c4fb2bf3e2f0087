import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Empty when no DynamoDB Local runs for this test run. */
    dynamoDbLocalUrl: string;
  }
}

/**
 * The DynamoDB Local the test run started (see dynamodb-local-setup.ts), or one the developer
 * runs and names in DYNAMODB_LOCAL_URL; undefined when neither is there.
 */
export function dynamoDbLocalUrl(): string | undefined {
  const url = inject('dynamoDbLocalUrl') || process.env['DYNAMODB_LOCAL_URL'];
  return url === undefined || url === '' ? undefined : url;
}
