import { invalidField } from '../errors.js';
import type { Path } from './conversion-context.js';
import type { TurnRole } from './convert-text-block.js';

export interface MergedTurn<Unit> {
  role: TurnRole;
  /** How many request messages were merged into this turn. */
  sourceCount: number;
  units: Unit[];
}

export interface TurnMerger<Unit> {
  /** Adds one message's converted units; a message with none is refused, naming it. */
  add(message: { role: TurnRole; units: Unit[]; path: Path }): void;
  finish(): Array<MergedTurn<Unit>>;
}

/**
 * Consecutive same-role messages merge into one turn, because Bedrock requires strict alternation,
 * with tool results first in a merged user turn as Anthropic requires. Shared by the Converse and
 * InvokeModel paths, whose units differ.
 */
export function createTurnMerger<Unit>(isToolResult: (unit: Unit) => boolean): TurnMerger<Unit> {
  const turns: Array<MergedTurn<Unit>> = [];
  return {
    add({ role, units, path }) {
      if (units.length === 0) {
        throw invalidField(path, 'the message has no content once blank text is removed; Bedrock rejects empty and blank messages');
      }
      const previous = turns[turns.length - 1];
      if (previous !== undefined && previous.role === role) {
        previous.units.push(...units);
        previous.sourceCount += 1;
      } else {
        turns.push({ role, sourceCount: 1, units: [...units] });
      }
    },
    finish() {
      if (turns[0]?.role !== 'user') throw invalidField(['messages', 0], 'Bedrock requires the conversation to start with a user message');
      return turns.map((turn) =>
        turn.role === 'user' && turn.sourceCount > 1
          ? { ...turn, units: [...turn.units.filter(isToolResult), ...turn.units.filter((unit) => !isToolResult(unit))] }
          : turn,
      );
    },
  };
}
