import { createConversionContext, type ConversionContext, type Path } from '../conversion-context.js';
import type { NativeConversionOptions } from './build-native-invoke-body.js';

/** Per-request state of the InvokeModel sanitiser; created fresh for every request. */
export interface NativeContext {
  readonly anthropicVersion: NativeConversionOptions['anthropicVersion'];
  /** The Converse path's context, so its version rules and messages apply unchanged. */
  readonly conversion: ConversionContext;
  /** The client's betas that the InvokeModel body carries. */
  readonly betas: ReadonlySet<string>;
  /** Every field or value dropped, as a dotted path (or `anthropic-beta: <flag>`). */
  readonly removed: string[];
  readonly warnings: string[];
}

export function createNativeContext(options: NativeConversionOptions, acceptedBetas: readonly string[]): NativeContext {
  return {
    anthropicVersion: options.anthropicVersion,
    // The invoke path is only for Claude; the model id matters to the Converse rules only for non-Claude models.
    conversion: createConversionContext({
      bedrockModelId: '',
      anthropicModel: true,
      anthropicVersion: options.anthropicVersion,
      betas: options.betas,
      features: options.features,
    }),
    betas: new Set(acceptedBetas),
    removed: [],
    warnings: [],
  };
}

/** Deletes a field of a copied object and notes it as removed (nothing happens when it is absent). */
export function removeField(target: Record<string, unknown>, field: string, path: Path, context: NativeContext): void {
  if (!(field in target)) return;
  delete target[field];
  context.removed.push([...path, field].join('.'));
}
