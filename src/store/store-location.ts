export type StoreLocation =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'endpoint'; endpoint: string; region: string }
  | { kind: 'aws'; region: string; profile?: string };

/** How messages name the place: `embedded (<dir>)`, `DynamoDB at <url>`, `AWS DynamoDB <region>`. */
export function describeLocation(location: StoreLocation): string {
  switch (location.kind) {
    case 'embedded':
      return `embedded (${location.dataDir})`;
    case 'endpoint':
      return `DynamoDB at ${location.endpoint}`;
    case 'aws':
      return `AWS DynamoDB ${location.region}`;
    default: {
      const unexpected: never = location;
      throw new Error(`unknown store location ${JSON.stringify(unexpected)}`);
    }
  }
}
