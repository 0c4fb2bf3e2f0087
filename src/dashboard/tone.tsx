import { Text } from 'ink';
import type { ReactNode } from 'react';

export interface ToneProps {
  /** Decided once at start-up (off with NO_COLOR); off means no escape sequence at all. */
  colour: boolean;
  color?: string;
  bold?: boolean;
  inverse?: boolean;
  children?: ReactNode;
}

/** Text whose styling exists only when colour is on. */
export function Tone(props: ToneProps) {
  if (!props.colour) return <Text>{props.children}</Text>;
  return (
    <Text {...(props.color === undefined ? {} : { color: props.color })} bold={props.bold === true} inverse={props.inverse === true}>
      {props.children}
    </Text>
  );
}
