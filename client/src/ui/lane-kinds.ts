/** People-facing names and hints for the lane kinds of schema v1. */
import type { LaneKind } from '../../../shared/board/schema.js';

/** Label and a one-line prompt per lane kind (the prompt is the empty-cell hint). */
export const LANE_KIND_INFO: Record<LaneKind, { label: string; prompt: string; icon: string }> = {
  doing: { label: 'Doing', prompt: 'What does the customer do?', icon: '👣' },
  thinking: { label: 'Thinking', prompt: 'What goes through their mind?', icon: '💭' },
  feeling: { label: 'Feeling', prompt: 'How do they feel?', icon: '❤️' },
  touchpoints: { label: 'Touchpoints', prompt: 'Channels and departments involved', icon: '📍' },
  pains: { label: 'Pain points', prompt: 'What goes wrong or hurts?', icon: '⚠️' },
  opportunities: { label: 'Opportunities', prompt: 'What could be better?', icon: '💡' },
  custom: { label: 'Custom', prompt: 'Add notes', icon: '📝' },
};
