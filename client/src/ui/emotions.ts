/** The emotion scale of feeling notes (-2..2): a face and a word for each value, never colour alone. */
import { EMOTION_MAX, EMOTION_MIN } from '../../../shared/board/schema.js';

export interface EmotionOption {
  value: number;
  face: string;
  label: string;
}

/** From very negative to very positive. */
export const EMOTIONS: readonly EmotionOption[] = [
  { value: -2, face: '😫', label: 'Very negative' },
  { value: -1, face: '🙁', label: 'Negative' },
  { value: 0, face: '😐', label: 'Neutral' },
  { value: 1, face: '🙂', label: 'Positive' },
  { value: 2, face: '😄', label: 'Very positive' },
];

/** The option for a value, or undefined for null / out of range. */
export function emotionOption(value: number | null): EmotionOption | undefined {
  if (value === null || value < EMOTION_MIN || value > EMOTION_MAX) return undefined;
  return EMOTIONS.find((e) => e.value === value);
}
