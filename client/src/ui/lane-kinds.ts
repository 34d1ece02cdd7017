/** People-facing names and hints for the lane kinds of schema v1. */
import type { LaneKind } from '../../../shared/board/schema.js';
import type { IconName } from './icons.js';

/** Label and a one-line prompt per lane kind (the prompt is the empty-cell hint). */
export const LANE_KIND_INFO: Record<LaneKind, { label: string; prompt: string; icon: IconName }> = {
  doing: { label: 'Doing', prompt: 'What does the customer do?', icon: 'doing' },
  thinking: { label: 'Thinking', prompt: 'What goes through their mind?', icon: 'thinking' },
  feeling: { label: 'Feeling', prompt: 'How do they feel?', icon: 'feeling' },
  touchpoints: { label: 'Touchpoints', prompt: 'Channels and departments involved', icon: 'touchpoints' },
  pains: { label: 'Pain points', prompt: 'What goes wrong or hurts?', icon: 'pains' },
  opportunities: { label: 'Opportunities', prompt: 'What could be better?', icon: 'opportunities' },
  custom: { label: 'Custom', prompt: 'Add notes', icon: 'custom' },
};
