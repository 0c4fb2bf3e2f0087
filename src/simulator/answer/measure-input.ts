import type { ConverseContentBlock, ConverseRequestBody } from '../../bedrock/types.js';

export interface InputMeasure {
  /** Characters of all input (tool specs, system, messages): the input token estimate is this / 4. */
  characters: number;
  /** When the request has cache points: the part up to the last one (tools, system, messages order). */
  cachePrefix?: { characters: number; key: string };
}

export function measureInput(body: ConverseRequestBody): InputMeasure {
  const tools = body.toolConfig?.tools ?? [];
  const system = body.system ?? [];
  const messages = body.messages ?? [];
  let characters = 0;
  let prefixCharacters = 0;
  let lastPoint: (() => string) | undefined;

  tools.forEach((tool, index) => {
    if (tool.cachePoint !== undefined) {
      prefixCharacters = characters;
      lastPoint = () => JSON.stringify([tools.slice(0, index)]);
    } else if (tool.toolSpec !== undefined) {
      characters += JSON.stringify(tool.toolSpec).length;
    }
  });
  system.forEach((block, index) => {
    if (block.cachePoint !== undefined) {
      prefixCharacters = characters;
      lastPoint = () => JSON.stringify([tools, system.slice(0, index)]);
    } else {
      characters += block.text?.length ?? 0;
    }
  });
  messages.forEach((message, messageIndex) => {
    (message.content ?? []).forEach((block, blockIndex) => {
      if (block.cachePoint !== undefined) {
        prefixCharacters = characters;
        const partial = { role: message.role, content: (message.content ?? []).slice(0, blockIndex) };
        lastPoint = () => JSON.stringify([tools, system, messages.slice(0, messageIndex), partial]);
      } else {
        characters += blockCharacters(block);
      }
    });
  });
  return lastPoint === undefined ? { characters } : { characters, cachePrefix: { characters: prefixCharacters, key: lastPoint() } };
}

function blockCharacters(block: ConverseContentBlock): number {
  if (block.text !== undefined) return block.text.length;
  if (block.toolUse !== undefined) return (block.toolUse.name?.length ?? 0) + JSON.stringify(block.toolUse.input ?? {}).length;
  if (block.toolResult !== undefined) {
    return (block.toolResult.content ?? []).reduce(
      (sum, item) => sum + (item.text?.length ?? 0) + (item.json === undefined ? 0 : JSON.stringify(item.json).length),
      0,
    );
  }
  if (block.reasoningContent?.reasoningText !== undefined) return block.reasoningContent.reasoningText.text?.length ?? 0;
  if (block.document !== undefined) {
    const source = block.document.source;
    return source?.text?.length ?? Math.ceil((source?.bytes?.length ?? 0) / 8);
  }
  if (block.image !== undefined) return Math.ceil((block.image.source?.bytes?.length ?? 0) / 8);
  return 0;
}
