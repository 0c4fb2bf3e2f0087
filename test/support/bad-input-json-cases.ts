/**
 * Malformed Messages bodies for the bad-input corpus: wrong JSON types at every level, missing
 * required fields, huge values, deep nesting, invalid UTF-8 and broken JSON. Every body here is
 * invalid, so each must get a 4xx Anthropic error.
 */

export type JsonPath = ReadonlyArray<string | number>;

export interface JsonBodyCase {
  category: 'wrong-type' | 'missing-field' | 'huge-value' | 'deep-nesting' | 'invalid-utf8' | 'malformed-json';
  name: string;
  body: Buffer;
}

/** A small deterministic generator (mulberry32): the same seed gives the same corpus. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid request touching most fields; the corpus breaks it one way at a time. */
export function validMessagesBody(): Record<string, unknown> {
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 16,
    system: [{ type: 'text', text: 'Be brief.' }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
    tool_choice: { type: 'auto' },
    temperature: 0.5,
    stop_sequences: ['END'],
    metadata: { user_id: 'user-1' },
  };
}

/** A valid conversation with image, tool use and tool result blocks, for missing-field cases inside them. */
function blocksBody(): Record<string, unknown> {
  return {
    ...validMessagesBody(),
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'Rain' }, { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } }] },
    ],
  };
}

const wrongTypes: ReadonlyArray<readonly [JsonPath, readonly unknown[]]> = [
  [[], [null, true, 42, 'text', [], [{}]]],
  [['model'], [null, 42, true, [], {}, '']],
  [['max_tokens'], ['16', null, true, 1.5, -1, [], {}]],
  [['messages'], [null, 'hi', {}, 42, [], [null], ['hi'], [42]]],
  [['messages', 0], [null, 'hi', 42, [], {}]],
  [['messages', 0, 'role'], [null, 42, 'robot', '', ['user']]],
  [['messages', 0, 'content'], [null, 42, {}, [null], [42], ['hi'], true]],
  [['messages', 0, 'content', 0], [null, 'hi', 42, [], {}]],
  [['messages', 0, 'content', 0, 'type'], [null, 42, 'nonexistent', '']],
  [['messages', 0, 'content', 0, 'text'], [null, 42, [], {}, true]],
  [['messages', 0, 'content', 0, 'cache_control'], [42, 'ephemeral', { type: 'forever' }, {}]],
  [['system'], [42, {}, true, [42], [{ type: 'text', text: 42 }], [{ type: 'image' }]]],
  [['temperature'], ['0.5', -1, 2, [], true, {}]],
  [['top_p'], ['1', 5, -0.1]],
  [['top_k'], ['1', -1, 1.5]],
  [['stop_sequences'], ['END', [42], {}, [null]]],
  [['stream'], ['yes', 1, null, {}]],
  [['metadata'], ['user-1', [], 42, { user_id: 42 }, { other: 1 }]],
  [['tools'], [{}, 'x', 42, [42], [null]]],
  [['tools', 0, 'name'], [42, null, '']],
  [['tools', 0, 'input_schema'], [42, 'object', [], { type: 'array' }, null]],
  [['tools', 0, 'input_schema', 'required'], ['city', [42]]],
  [['tool_choice'], ['auto', 42, { type: 'bogus' }, { type: 'tool' }, []]],
  [['thinking'], [true, 'enabled', { type: 'enabled' }, { type: 'enabled', budget_tokens: '1024' }, { type: 'nope' }]],
  [['service_tier'], ['premium', 42]],
  [['unknown_field'], [1]],
  [['messages', 0, 'unknown_field'], [1]],
  [['messages', 0, 'content', 0, 'unknown_field'], [1]],
];

const requiredPaths: readonly JsonPath[] = [
  ['model'],
  ['max_tokens'],
  ['messages'],
  ['messages', 0, 'role'],
  ['messages', 0, 'content'],
  ['messages', 0, 'content', 0, 'type'],
  ['messages', 0, 'content', 0, 'text'],
  ['system', 0, 'type'],
  ['system', 0, 'text'],
  ['tools', 0, 'name'],
  ['tools', 0, 'input_schema'],
  ['tools', 0, 'input_schema', 'type'],
  ['tool_choice', 'type'],
];

const requiredBlockPaths: readonly JsonPath[] = [
  ['messages', 0, 'content', 1, 'source'],
  ['messages', 0, 'content', 1, 'source', 'data'],
  ['messages', 0, 'content', 1, 'source', 'media_type'],
  ['messages', 0, 'content', 1, 'source', 'type'],
  ['messages', 1, 'content', 0, 'id'],
  ['messages', 1, 'content', 0, 'name'],
  ['messages', 2, 'content', 0, 'tool_use_id'],
  ['messages', 2, 'content', 1, 'source'],
  ['messages', 2, 'content', 1, 'source', 'data'],
];

export function jsonBodyCases(random: () => number): JsonBodyCase[] {
  const cases: JsonBodyCase[] = [];
  const add = (category: JsonBodyCase['category'], name: string, body: unknown) =>
    cases.push({ category, name, body: Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });

  for (const [path, values] of wrongTypes) {
    for (const value of values) add('wrong-type', `${describePath(path)} = ${JSON.stringify(value)}`, setPath(validMessagesBody(), path, value));
  }
  for (const path of requiredPaths) add('missing-field', `without ${describePath(path)}`, deletePath(validMessagesBody(), path));
  for (const path of requiredBlockPaths) add('missing-field', `without ${describePath(path)}`, deletePath(blocksBody(), path));
  for (let index = 0; index < 8; index += 1) {
    const chosen = shuffle(requiredPaths, random).slice(0, 2 + Math.floor(random() * 2));
    const body = chosen.reduce<unknown>((current, path) => deletePath(current, path), validMessagesBody());
    add('missing-field', `without ${chosen.map(describePath).join(' and ')}`, body);
  }

  addHugeValues(add);
  addDeepNesting(add);
  addInvalidUtf8(add, random);
  addMalformedJson(add, random);
  return cases;
}

type Add = (category: JsonBodyCase['category'], name: string, body: unknown) => void;

function addHugeValues(add: Add): void {
  const million = 'x'.repeat(1_000_000);
  const blank = { role: 'user', content: [{ type: 'text', text: '' }] };
  add('huge-value', '10 000 messages of blank text', { ...validMessagesBody(), messages: Array.from({ length: 10_000 }, () => blank) });
  add('huge-value', '100 000 empty content blocks', { ...validMessagesBody(), messages: [{ role: 'user', content: Array.from({ length: 100_000 }, () => ({})) }] });
  add('huge-value', '20 000 tools without names', { ...validMessagesBody(), tools: Array.from({ length: 20_000 }, () => ({ input_schema: { type: 'object' } })) });
  add('huge-value', 'a 1 000 000-character role', setPath(validMessagesBody(), ['messages', 0, 'role'], million));
  add('huge-value', 'a 1 000 000-character model name', setPath(validMessagesBody(), ['model'], million));
  add('huge-value', 'a 1 000 000-character block type', setPath(validMessagesBody(), ['messages', 0, 'content', 0, 'type'], million));
  add('huge-value', 'a 1 000 000-character unknown key', { ...validMessagesBody(), [million]: 1 });
  add('huge-value', 'a 1 000 000-character text with max_tokens -1', setPath(setPath(validMessagesBody(), ['messages', 0, 'content', 0, 'text'], million), ['max_tokens'], -1));
  add('huge-value', '1000 stop sequences of 1000 characters with temperature 5', { ...validMessagesBody(), stop_sequences: Array.from({ length: 1000 }, () => million.slice(0, 1000)), temperature: 5 });
  for (const [field, value] of [
    ['max_tokens', '1e308'],
    ['max_tokens', '-1e308'],
    ['max_tokens', '1e309'],
    ['max_tokens', '123456789012345678901234567890'],
    ['max_tokens', '9007199254740993'],
    ['max_tokens', '-1'],
    ['max_tokens', '-2147483649'],
    ['max_tokens', '0.5'],
    ['max_tokens', '16.000001'],
    ['max_tokens', '-0.0001'],
    ['temperature', '1e308'],
    ['temperature', '-1e309'],
    ['top_k', '1e308'],
    ['top_p', '1.0000001'],
  ] as const) {
    const text = JSON.stringify({ ...validMessagesBody(), [field]: '__number__' }).replace('"__number__"', value);
    add('huge-value', `${field} = ${value}`, text);
  }
}

function addDeepNesting(add: Add): void {
  // Built as text: JSON.stringify (and structuredClone) would overflow the stack on these depths themselves.
  const nestedSchema = (depth: number) => `${'{"type":"object","properties":{"inner":'.repeat(depth)}{"type":"string"}${'}}'.repeat(depth)}`;
  const withDeep = (body: unknown, deep: string) => JSON.stringify(body).replace('"__deep__"', deep);
  const tool = (schema: unknown) => ({ ...validMessagesBody(), tools: [{ name: 'deep', input_schema: schema }] });
  add('deep-nesting', 'tool input_schema 10 000 levels deep, max_tokens -1', withDeep({ ...tool('__deep__'), max_tokens: -1 }, nestedSchema(10_000)));
  add('deep-nesting', 'tool input_schema 10 000 levels deep, without messages', withDeep(deletePath(tool('__deep__'), ['messages']), nestedSchema(10_000)));
  add('deep-nesting', 'tool input_schema 10 000 levels deep with an array type', withDeep(tool({ type: 'array', properties: { inner: '__deep__' } }), nestedSchema(10_000)));
  add('deep-nesting', 'tool_use input 10 000 levels deep, max_tokens "x"', withDeep({ ...setPath(blocksBody(), ['messages', 1, 'content', 0, 'input'], '__deep__') as object, max_tokens: 'x' }, nestedSchema(10_000)));
  for (const depth of [10_000, 100_000, 1_000_000]) {
    add('deep-nesting', `messages as arrays nested ${depth} deep`, `{"model":"claude-sonnet-4-5","max_tokens":16,"messages":${'['.repeat(depth)}${']'.repeat(depth)}}`);
  }
  for (const depth of [10_000, 100_000]) {
    add('deep-nesting', `metadata.user_id as objects nested ${depth} deep`, `{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}],"metadata":{"user_id":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`);
  }
  add('deep-nesting', 'unbalanced nesting 100 000 deep', `{"messages":${'['.repeat(100_000)}`);
}

function addInvalidUtf8(add: Add, random: () => number): void {
  const sequences: ReadonlyArray<readonly [string, number[]]> = [
    ['0xff', [0xff]],
    ['a lone continuation byte', [0x80]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a five-byte sequence', [0xf8, 0x88, 0x80, 0x80, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ];
  const text = JSON.stringify(validMessagesBody());
  for (const [name, bytes] of sequences) {
    const at = text.indexOf('Hello') + 1 + Math.floor(random() * 3);
    add('invalid-utf8', `${name} inside the text`, Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))]));
    add('invalid-utf8', `${name} before the body`, Buffer.concat([Buffer.from(bytes), Buffer.from(text)]));
  }
  add('invalid-utf8', 'a body cut inside a multi-byte character', Buffer.concat([Buffer.from(text.slice(0, -2)), Buffer.from([0xe2, 0x82])]));
  add('invalid-utf8', 'UTF-16 encoded', Buffer.from(text, 'utf16le'));
}

function addMalformedJson(add: Add, random: () => number): void {
  const text = JSON.stringify(validMessagesBody());
  for (let index = 0; index < 10; index += 1) {
    const cut = 1 + Math.floor(random() * (text.length - 2));
    add('malformed-json', `truncated at character ${cut}`, text.slice(0, cut));
  }
  const samples: ReadonlyArray<readonly [string, string]> = [
    ['an empty body', ''],
    ['only whitespace', ' \n\t '],
    ['trailing garbage', `${text} xyz`],
    ['two objects', `${text}${text}`],
    ['single quotes', text.replaceAll('"', "'")],
    ['a NaN literal', text.replace('0.5', 'NaN')],
    ['a comment', `/* hi */${text}`],
    ['a trailing comma', `${text.slice(0, -1)},}`],
    ['unquoted keys', text.replace('"model"', 'model')],
    ['a byte-order mark before garbage', `\uFEFF{"model": `],
    ['a raw control character in a string', text.replace('Hello', 'Hel\u0001lo')],
    ['a bad escape', text.replace('Hello', 'Hel\\xlo')],
  ];
  for (const [name, body] of samples) add('malformed-json', name, body);
}

function shuffle<Item>(items: readonly Item[], random: () => number): Item[] {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other] as Item, shuffled[index] as Item];
  }
  return shuffled;
}

export function describePath(path: JsonPath): string {
  return path.length === 0 ? '(the body)' : path.join('.');
}

function setPath(target: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(target) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

function deletePath(target: unknown, path: JsonPath): unknown {
  const copy = structuredClone(target) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> | undefined = copy;
  for (const key of path.slice(0, -1)) node = node?.[key] as Record<string | number, unknown> | undefined;
  if (node !== undefined) delete node[path[path.length - 1] as string | number];
  return copy;
}
