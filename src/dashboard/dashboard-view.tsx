import { Box, Text } from 'ink';
import { fitText } from './fit-columns.js';
import type { Formatters } from './formatters.js';
import { KeysView } from './keys-view.js';
import { ModelsView } from './models-view.js';
import { OverviewView } from './overview-view.js';
import { SessionsView } from './sessions-view.js';
import { Tone } from './tone.js';
import type { UsageSummary } from './usage-summary.js';
import type { WindowName } from './usage-window.js';
import { viewNames, viewTitles, type ViewName } from './view-names.js';
import type { BodyProps } from './view-props.js';

export interface DashboardViewProps {
  /** Undefined until the first load. */
  summary: UsageSummary | undefined;
  window: WindowName;
  view: ViewName;
  /** The applied key filter, and the text being typed while the filter input is open. */
  filter: { applied: string; draft: string | undefined };
  width: number;
  /** Lines the whole view may use. */
  height: number;
  colour: boolean;
  formatters: Formatters;
  /** A problem with the last refresh, shown instead of the help line. */
  status: string | undefined;
}

/** Header lines, the tab line, and the two footer lines. */
const chromeLines = 4;

/** The whole screen: header, tabs, the chosen view, the estimate note and the key help. */
export function DashboardView(props: DashboardViewProps) {
  const { summary, width, colour, formatters } = props;
  const range = summary === undefined ? 'loading…' : `${formatters.formatTime(summary.window.since)} → ${formatters.formatTime(summary.window.until)} UTC`;
  const model = summary?.filter.model ?? null;
  const header = `proxy usage · last ${props.window} · ${range}${model === null ? '' : ` · model ${model}`}`;
  const bodyHeight = Math.max(1, props.height - chromeLines);
  const body: BodyProps | undefined = summary === undefined ? undefined : { summary, width, height: bodyHeight, colour, formatters };
  return (
    <Box flexDirection="column" width={width}>
      <Tone colour={colour} color="cyan" bold>
        {fitText(header, width).trimEnd()}
      </Tone>
      <Tabs view={props.view} colour={colour} filter={props.filter.applied} width={width} />
      <Box flexDirection="column" height={bodyHeight}>
        {body === undefined ? <Text>Reading usage…</Text> : <Body view={props.view} body={body} />}
      </Box>
      <Text>{fitText(note(summary), width).trimEnd()}</Text>
      <Footer {...props} />
    </Box>
  );
}

function Body(props: { view: ViewName; body: BodyProps }) {
  switch (props.view) {
    case 'overview':
      return <OverviewView {...props.body} />;
    case 'keys':
      return <KeysView {...props.body} />;
    case 'models':
      return <ModelsView {...props.body} />;
    case 'sessions':
      return <SessionsView {...props.body} />;
    default: {
      const unexpected: never = props.view;
      throw new Error(`unknown view ${String(unexpected)}`);
    }
  }
}

function Tabs(props: { view: ViewName; colour: boolean; filter: string; width: number }) {
  const filter = props.filter === '' ? '' : `  filter: ${props.filter}`;
  return (
    <Box>
      {viewNames.map((name) => {
        const title = viewTitles[name];
        const selected = name === props.view;
        if (props.colour) {
          return (
            <Box key={name} marginRight={1}>
              <Tone colour inverse={selected} bold={selected}>{` ${title} `}</Tone>
            </Box>
          );
        }
        return <Text key={name}>{selected ? `[${title}] ` : ` ${title}  `}</Text>;
      })}
      <Text>{fitText(filter, Math.max(0, props.width - 44)).trimEnd()}</Text>
    </Box>
  );
}

function Footer(props: DashboardViewProps) {
  const { width, colour } = props;
  if (props.filter.draft !== undefined) {
    return <Text>{fitText(`Filter keys: ${props.filter.draft}▏  Enter apply · Esc clear`, width).trimEnd()}</Text>;
  }
  if (props.status !== undefined) {
    return (
      <Tone colour={colour} color="red">
        {fitText(props.status, width).trimEnd()}
      </Tone>
    );
  }
  return <Text>{fitText('Tab/←→ view · w window · / filter keys · q quit', width).trimEnd()}</Text>;
}

function note(summary: UsageSummary | undefined): string {
  if (summary === undefined) return '';
  return `Costs are estimates at list prices of ${summary.pricing.date}; — = model without a price.`;
}
