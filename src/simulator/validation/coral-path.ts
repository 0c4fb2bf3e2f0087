/** Formats path segments the way Coral reports them: list indexes are 1-based and followed by `member`. */
export function coralPath(segments: ReadonlyArray<string | number>): string {
  let path = '';
  for (const segment of segments) {
    const part = typeof segment === 'number' ? `${segment + 1}.member` : segment;
    path = path.length === 0 ? part : `${path}.${part}`;
  }
  return path;
}
