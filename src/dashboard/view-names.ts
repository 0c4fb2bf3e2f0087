export const viewNames = ['overview', 'keys', 'models', 'sessions'] as const;
export type ViewName = (typeof viewNames)[number];

export const viewTitles: Readonly<Record<ViewName, string>> = { overview: 'Overview', keys: 'Keys', models: 'Models', sessions: 'Sessions' };

/** The view `step` places further along the tabs, wrapping around. */
export function stepView(view: ViewName, step: number): ViewName {
  const index = viewNames.indexOf(view);
  return viewNames[(index + step + viewNames.length) % viewNames.length] ?? view;
}
