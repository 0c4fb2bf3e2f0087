/** Gives each document of a request a Bedrock-valid, unique name, numbering untitled ones. */
export interface DocumentNamer {
  name(title: string | null | undefined): string;
}

const maximumLength = 200;

/**
 * Bedrock document names allow alphanumerics, single spaces, hyphens, parentheses and square
 * brackets, up to 200 characters; anything else (tabs included) becomes a space.
 */
export function sanitizeDocumentName(title: string): string {
  return title
    .replace(/[^A-Za-z0-9\-()[\] ]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, maximumLength)
    .trim();
}

export function createDocumentNamer(): DocumentNamer {
  const used = new Set<string>();
  let count = 0;
  return {
    name(title) {
      count += 1;
      const sanitized = sanitizeDocumentName(title ?? '');
      const base = sanitized.length > 0 ? sanitized : `document-${count}`;
      let candidate = base;
      for (let copy = 2; used.has(candidate); copy += 1) {
        const suffix = ` (${copy})`;
        candidate = `${base.slice(0, maximumLength - suffix.length).trimEnd()}${suffix}`;
      }
      used.add(candidate);
      return candidate;
    },
  };
}
