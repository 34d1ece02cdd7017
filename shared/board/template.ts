/** Board templates: the stages and lanes a new board starts with. */
import type { LaneKind } from './schema.js';

export interface Template {
  id: string;
  name: string;
  stages: string[];
  lanes: { title: string; kind: LaneKind }[];
}

/** The default journey: six stages by the six classic lanes. */
export const DEFAULT_TEMPLATE: Template = {
  id: 'default',
  name: 'Customer journey (6 stages)',
  stages: ['Discover', 'Buy', 'Onboard', 'Use', 'Get help', 'Pay'],
  lanes: [
    { title: 'Doing', kind: 'doing' },
    { title: 'Thinking', kind: 'thinking' },
    { title: 'Feeling', kind: 'feeling' },
    { title: 'Touchpoints', kind: 'touchpoints' },
    { title: 'Pain points', kind: 'pains' },
    { title: 'Opportunities', kind: 'opportunities' },
  ],
};

/** A blank map with the same lanes and three generic stages, for teams that name their own steps. */
export const BLANK_TEMPLATE: Template = {
  id: 'blank',
  name: 'Blank (3 stages)',
  stages: ['Stage 1', 'Stage 2', 'Stage 3'],
  lanes: DEFAULT_TEMPLATE.lanes,
};

export const TEMPLATES: Record<string, Template> = { default: DEFAULT_TEMPLATE, blank: BLANK_TEMPLATE };
export const TEMPLATE_IDS = ['default', 'blank'] as const;
