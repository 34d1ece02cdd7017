/** The emotion scale of feeling notes (-2..2): a word for each value (faces are drawn by ui/icons.ts), never colour alone. */
import { EMOTION_MAX, EMOTION_MIN } from '../../../shared/board/schema.js';

export interface EmotionOption {
  value: number;
  label: string;
}

/** From very negative to very positive. */
export const EMOTIONS: readonly EmotionOption[] = [
  { value: -2, label: 'Very negative' },
  { value: -1, label: 'Negative' },
  { value: 0, label: 'Neutral' },
  { value: 1, label: 'Positive' },
  { value: 2, label: 'Very positive' },
];

/** The option for a value, or undefined for null / out of range. */
export function emotionOption(value: number | null): EmotionOption | undefined {
  if (value === null || value < EMOTION_MIN || value > EMOTION_MAX) return undefined;
  return EMOTIONS.find((e) => e.value === value);
}
