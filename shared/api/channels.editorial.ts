/** Channel names of editorial integrity: team notes, corrections, publication, project details. */
export const EDITORIAL_CHANNELS = [
  'editorial.claimRecord',
  'editorial.addTeamNote',
  'editorial.addCorrection',
  'editorial.keepNewQuote',
  'editorial.claimantType',
  'editorial.updateProject',
  'editorial.markPublished',
  'editorial.publications',
] as const;
