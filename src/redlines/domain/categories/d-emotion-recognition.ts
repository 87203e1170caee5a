import { allOf, hasCapability, type Category } from './rule-kit.ts';

/** Red line D. */
export const categoryD: Category = {
  id: 'D',
  title: 'Emotion recognition, "lie detection" and behavioural analytics',
  quote: 'AI-based emotion recognition tools, such as AI ‘lie-detectors’ and behavioural analytics.',
  rule: (p) => allOf(hasCapability(p, ['emotion_recognition', 'deception_detection', 'behavioural_analytics'])),
};
