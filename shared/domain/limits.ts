/** Hard limits that keep one bad paste or import from freezing the app or filling the disk. */
export const LIMITS = {
  /** An article body: 5 MB of text is a book; 50 MB pastes are refused with a message. */
  articleTextChars: 5_000_000,
  shortTextChars: 1_000,
  urlChars: 2_048,
  titleChars: 500,
  claimChars: 10_000,
  rationaleChars: 100_000,
  noteChars: 20_000,
  tagCount: 50,
} as const;
