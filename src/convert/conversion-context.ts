import type { ConverseConversionOptions } from './convert-request-to-converse.js';
import { createDocumentNamer, type DocumentNamer } from './document-names.js';
import { createToolNameMap, type ToolNameRegistry } from './tool-names.js';

/** Per-request state shared by the request converters; created fresh for every request. */
export interface ConversionContext {
  readonly options: ConverseConversionOptions;
  readonly warnings: string[];
  readonly toolNames: ToolNameRegistry;
  readonly documentNames: DocumentNamer;
  /** Bedrock accepts cachePoint blocks only for Claude and Amazon Nova models. */
  readonly cachePointsSupported: boolean;
  /** Paths of cache_control fields that could not become cache points (reported once). */
  readonly droppedCacheControls: string[];
}

export function createConversionContext(options: ConverseConversionOptions): ConversionContext {
  return {
    options,
    warnings: [],
    toolNames: createToolNameMap(),
    documentNames: createDocumentNamer(),
    cachePointsSupported: options.anthropicModel || options.bedrockModelId.includes('amazon.nova'),
    droppedCacheControls: [],
  };
}

export type Path = ReadonlyArray<string | number>;
