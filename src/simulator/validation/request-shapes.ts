/**
 * The Converse / ConverseStream request body as the service model describes it (members taken from the
 * SDK's schema). Shapes the simulator does not look into are `object` (any JSON object) or `document`.
 */
export type PrimitiveShape = 'string' | 'number' | 'integer' | 'boolean' | 'document' | 'object';
export interface ListShape {
  list: Shape;
}
export interface MapShape {
  map: Shape;
}
export interface StructureShape {
  structure: Readonly<Record<string, Shape>>;
  required?: readonly string[];
}
export interface UnionShape {
  union: Readonly<Record<string, Shape>>;
}
export type Shape = PrimitiveShape | ListShape | MapShape | StructureShape | UnionShape;

const cachePoint: StructureShape = { structure: { type: 'string', ttl: 'string' }, required: ['type'] };

const image: StructureShape = {
  structure: { format: 'string', source: { union: { bytes: 'string', s3Location: 'object' } }, error: 'object' },
  required: ['format', 'source'],
};

const documentSource: UnionShape = {
  union: { bytes: 'string', s3Location: 'object', text: 'string', content: { list: { union: { text: 'string' } } } },
};

const document: StructureShape = {
  structure: {
    name: 'string',
    source: documentSource,
    format: 'string',
    context: 'string',
    citations: { structure: { enabled: 'boolean' }, required: ['enabled'] },
  },
  required: ['name', 'source'],
};

const toolUse: StructureShape = {
  structure: { toolUseId: 'string', name: 'string', input: 'document', type: 'string' },
  required: ['toolUseId', 'name', 'input'],
};

const toolResult: StructureShape = {
  structure: {
    toolUseId: 'string',
    content: {
      list: {
        union: { json: 'document', text: 'string', image, document, video: 'object', searchResult: 'object' },
      },
    },
    status: 'string',
    type: 'string',
  },
  required: ['toolUseId', 'content'],
};

const reasoningContent: UnionShape = {
  union: {
    reasoningText: { structure: { text: 'string', signature: 'string' }, required: ['text'] },
    redactedContent: 'string',
  },
};

const citationsContent: StructureShape = {
  structure: { content: { list: { union: { text: 'string' } } }, citations: { list: 'object' } },
};

const contentBlock: UnionShape = {
  union: {
    text: 'string',
    image,
    document,
    video: 'object',
    audio: 'object',
    toolUse,
    toolResult,
    guardContent: 'object',
    cachePoint,
    reasoningContent,
    citationsContent,
    searchResult: 'object',
    toolAddition: 'object',
    toolRemoval: 'object',
  },
};

const message: StructureShape = {
  structure: { role: 'string', content: { list: contentBlock } },
  required: ['role', 'content'],
};

const toolSpec: StructureShape = {
  structure: { name: 'string', inputSchema: { union: { json: 'document' } }, description: 'string', strict: 'boolean' },
  required: ['name', 'inputSchema'],
};

const tool: UnionShape = {
  union: { toolSpec, systemTool: { structure: { name: 'string' }, required: ['name'] }, cachePoint },
};

const toolChoice: UnionShape = {
  union: {
    auto: { structure: {} },
    any: { structure: {} },
    tool: { structure: { name: 'string' }, required: ['name'] },
  },
};

const guardrailMembers = { guardrailIdentifier: 'string', guardrailVersion: 'string', trace: 'string' } as const;
const guardrailRequired = ['guardrailIdentifier', 'guardrailVersion'];
const guardrailConfig: StructureShape = { structure: guardrailMembers, required: guardrailRequired };
/** ConverseStream's GuardrailStreamConfiguration: Converse refuses `streamProcessingMode` as an unknown key. */
const guardrailStreamConfig: StructureShape = {
  structure: { ...guardrailMembers, streamProcessingMode: 'string' },
  required: guardrailRequired,
};

const messages: ListShape = { list: message };
const system: ListShape = { list: { union: { text: 'string', guardContent: 'object', cachePoint } } };
const toolConfig: StructureShape = { structure: { tools: { list: tool }, toolChoice }, required: ['tools'] };

export const converseRequestShape: StructureShape = {
  structure: {
    messages,
    system,
    inferenceConfig: {
      structure: { maxTokens: 'integer', temperature: 'number', topP: 'number', stopSequences: { list: 'string' } },
    },
    toolConfig,
    guardrailConfig,
    additionalModelRequestFields: 'document',
    promptVariables: 'object',
    additionalModelResponseFieldPaths: { list: 'string' },
    requestMetadata: { map: 'string' },
    performanceConfig: 'object',
    serviceTier: 'object',
    outputConfig: 'object',
  },
};

export const converseStreamRequestShape: StructureShape = {
  structure: { ...converseRequestShape.structure, guardrailConfig: guardrailStreamConfig },
};

/** CountTokens: exactly one of a Converse input (without inference settings) or a base64 InvokeModel body. */
export const countTokensRequestShape: StructureShape = {
  structure: {
    input: {
      union: {
        converse: { structure: { messages, system, toolConfig, additionalModelRequestFields: 'document' } },
        invokeModel: { structure: { body: 'string' }, required: ['body'] },
      },
    },
  },
  required: ['input'],
};
