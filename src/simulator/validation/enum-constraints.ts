import { coralPath } from './coral-path.js';
import type { ConstraintViolation, ValidationInput } from './validation-types.js';

const cachePointTypes = ['default'];
const cacheTtls = ['5m', '1h'];
const documentFormats = ['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md'];
const imageFormats = ['png', 'jpeg', 'gif', 'webp'];
const toolResultStatuses = ['success', 'error'];

type Segments = Array<string | number>;

/** Enum members a converter can easily get wrong: cache point type and ttl, media formats, tool result status. */
export function enumConstraints({ body }: ValidationInput): ConstraintViolation[] {
  const violations: ConstraintViolation[] = [];
  const check = (value: string | undefined, allowed: readonly string[], segments: Segments): void => {
    if (value !== undefined && !allowed.includes(value)) {
      violations.push({ path: coralPath(segments), constraint: `Member must satisfy enum value set: [${allowed.join(', ')}]`, value });
    }
  };
  const checkCachePoint = (point: { type?: string; ttl?: string } | undefined, segments: Segments): void => {
    check(point?.type, cachePointTypes, [...segments, 'cachePoint', 'type']);
    check(point?.ttl, cacheTtls, [...segments, 'cachePoint', 'ttl']);
  };
  (body.toolConfig?.tools ?? []).forEach((tool, index) => checkCachePoint(tool.cachePoint, ['toolConfig', 'tools', index]));
  (body.system ?? []).forEach((block, index) => checkCachePoint(block.cachePoint, ['system', index]));
  (body.messages ?? []).forEach((message, messageIndex) => {
    (message.content ?? []).forEach((block, blockIndex) => {
      const at: Segments = ['messages', messageIndex, 'content', blockIndex];
      checkCachePoint(block.cachePoint, at);
      check(block.document?.format, documentFormats, [...at, 'document', 'format']);
      check(block.image?.format, imageFormats, [...at, 'image', 'format']);
      check(block.toolResult?.status, toolResultStatuses, [...at, 'toolResult', 'status']);
    });
  });
  return violations;
}
