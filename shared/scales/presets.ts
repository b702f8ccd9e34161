import type { ScalePresetId, VerdictFields } from '../domain';

export interface ScalePreset {
  id: ScalePresetId;
  name: string;
  description: string;
  verdicts: VerdictFields[];
}

// Colours run green → red so a highlight reads at a glance; grey/purple for "not a truth value".
export const SCALE_PRESETS: readonly ScalePreset[] = [
  {
    id: 'generic',
    name: 'Generic (True → False)',
    description: 'A seven-step scale for most newsrooms.',
    verdicts: [
      { label: 'True', description: 'The claim is accurate and nothing significant is missing.', colour: '#1a7f37', ratingValue: 5 },
      { label: 'Mostly true', description: 'Accurate but needs clarification or additional information.', colour: '#5b9a2f', ratingValue: 4 },
      { label: 'Half true', description: 'Partially accurate but leaves out important details or takes things out of context.', colour: '#c69214', ratingValue: 3 },
      { label: 'Mostly false', description: 'Contains an element of truth but ignores critical facts.', colour: '#d4651c', ratingValue: 2 },
      { label: 'False', description: 'The claim is not accurate.', colour: '#c2281d', ratingValue: 1 },
      { label: 'Misleading', description: 'Accurate facts used to give a false impression.', colour: '#8a3ffc', ratingValue: null },
      { label: 'Unverifiable', description: 'There is not enough evidence to rate the claim.', colour: '#6b7280', ratingValue: null },
    ],
  },
  {
    id: 'politifact',
    name: 'Truth-O-Meter style (PolitiFact)',
    description: 'Six ratings from True to Pants on Fire.',
    verdicts: [
      { label: 'True', description: 'The statement is accurate and there is nothing significant missing.', colour: '#1a7f37', ratingValue: 6 },
      { label: 'Mostly True', description: 'The statement is accurate but needs clarification or additional information.', colour: '#5b9a2f', ratingValue: 5 },
      { label: 'Half True', description: 'The statement is partially accurate but leaves out important details or takes things out of context.', colour: '#c69214', ratingValue: 4 },
      { label: 'Mostly False', description: 'The statement contains an element of truth but ignores critical facts that would give a different impression.', colour: '#d4651c', ratingValue: 3 },
      { label: 'False', description: 'The statement is not accurate.', colour: '#c2281d', ratingValue: 2 },
      { label: 'Pants on Fire', description: 'The statement is not accurate and makes a ridiculous claim.', colour: '#7f1d1d', ratingValue: 1 },
    ],
  },
  {
    id: 'afp',
    name: 'Platform ratings (AFP / Meta style)',
    description: 'The ratings used by third-party fact-checking programmes.',
    verdicts: [
      { label: 'False', description: 'The primary claims in the content are factually inaccurate.', colour: '#c2281d', ratingValue: 1 },
      { label: 'Altered', description: 'Image, audio or video content has been edited or synthesised in a way that could mislead.', colour: '#9f1239', ratingValue: 1 },
      { label: 'Partly false', description: 'The content has some factual inaccuracies.', colour: '#d4651c', ratingValue: 2 },
      { label: 'Missing context', description: 'The content could mislead without additional context.', colour: '#c69214', ratingValue: 3 },
      { label: 'Satire', description: 'Content that uses irony, exaggeration or absurdity for criticism or comment.', colour: '#0e7490', ratingValue: null },
      { label: 'True', description: 'The primary claims in the content are factually accurate.', colour: '#1a7f37', ratingValue: 4 },
    ],
  },
  {
    id: 'conclusion',
    name: 'Conclusion only (Full Fact style)',
    description: 'No rating labels: the rationale carries the conclusion.',
    verdicts: [
      { label: 'Correct', description: 'The claim stands up.', colour: '#1a7f37', ratingValue: null },
      { label: 'Needs context', description: 'The claim is right as far as it goes but leaves out something important.', colour: '#c69214', ratingValue: null },
      { label: 'Incorrect', description: 'The claim does not stand up.', colour: '#c2281d', ratingValue: null },
      { label: 'Unsupported', description: 'We could not find evidence for the claim.', colour: '#6b7280', ratingValue: null },
    ],
  },
];

export function findPreset(id: ScalePresetId): ScalePreset {
  const preset = SCALE_PRESETS.find((candidate) => candidate.id === id);
  if (!preset) throw new Error(`Unknown verdict scale preset: ${id}`);
  return preset;
}
