/**
 * The `.factcheck` project file: a zip holding manifest.json and project.json
 * (docs/project-file-format.md). These zod schemas are the format's definition: the JSON Schema in
 * docs/project-file.schema.json is generated from them (./schema.ts).
 *
 * Every released version's schemas are written out here on purpose rather than reusing
 * shared/domain: a released format never changes, while the domain will. When the domain moves on,
 * add the next version's schemas, an upgrade step in ./upgrade.ts, and keep the older ones as they
 * are so old files keep importing. Version 1: the first release. Version 2: editorial integrity
 * (claim numbers, claimant types, assignees, sealed approvals, team notes, corrections,
 * publications). Version 3: claim links ("Previously checked"), with the snapshot a report prints.
 * Version 4: evidence files of sources (attachments/<sha256> entries, their rows in project.json).
 */
import { z } from 'zod';
import type { Change, ProjectData } from '../../shared/domain';
import { isHttpUrl } from '../../shared/domain/article';
import type { Attachment } from '../../shared/api/contract.attachments';
import type { ClaimLink } from '../../shared/api/contract.claimLinks';
import { CalendarDate, Id, Timestamp } from '../../shared/domain/ids';
import { LIMITS } from '../../shared/domain/limits';

export const FORMAT_NAME = 'factcheck-project';
/** The version this app writes. Files of a higher version are refused; lower ones are upgraded. */
export const FORMAT_VERSION = 4;
export const FILE_EXTENSION = '.factcheck';
export const MANIFEST_ENTRY = 'manifest.json';
export const PROJECT_ENTRY = 'project.json';
/** Evidence files (format 4): `attachments/<sha256>`; v1 to v3 files carry none. */
export const ATTACHMENTS_DIR = 'attachments/';
/** The zip entry of an evidence file. */
export const attachmentEntry = (sha256: string): string => `${ATTACHMENTS_DIR}${sha256}`;

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * What an import accepts at most. Each limit keeps a damaged or hostile file from freezing the app
 * or filling memory; each has its own message. Export refuses a project over these limits too, so
 * the app never writes a file it would not read back.
 */
export const PROJECT_FILE_LIMITS = {
  /** The .factcheck file itself, as stored on disk (evidence files included). */
  fileBytes: 2 * GiB,
  /** Entries in the zip (manifest, project, attachments). */
  entries: 1_000,
  manifestBytes: 1 * MiB,
  /** project.json once unpacked: checked against the declared size before inflating, and capped while inflating. */
  projectJsonBytes: 256 * MiB,
  /** All entries together, as declared in the zip directory (evidence files included). */
  totalUnpackedBytes: 2 * GiB,
  /** Format 4: one evidence file (the library's own limit, shared/attachments/limits.ts). */
  attachmentBytes: 200 * MiB,
  /** Format 4: evidence rows (a source has a handful; several sources may share one file). */
  attachments: 100_000,
  /** Any one string anywhere in project.json (the longest allowed field is an article's text). */
  stringChars: LIMITS.articleTextChars,
  /** Nesting of JSON values (the format itself nests 6 levels). */
  jsonDepth: 32,
  verdicts: 200,
  articles: 2_000,
  /** 50,000 claims import in about a second; a newsroom project has hundreds. */
  claims: 50_000,
  sources: 250_000,
  changes: 1_000_000,
  fieldsPerChange: 50,
  /** Format 2: a claim's team notes (a busy claim has dozens). */
  teamNotes: 250_000,
  /** Format 2: correction and update notes (published under their claims). */
  corrections: 50_000,
  /** Format 2: the publication log, one entry per report marked as published. */
  publications: 10_000,
  /** Format 3: links to earlier checks ("Previously checked"); a claim has a handful. */
  claimLinks: 250_000,
} as const;
export type ProjectFileLimits = { -readonly [K in keyof typeof PROJECT_FILE_LIMITS]: number };

// ---------------------------------------------------------------------------------------------
// Building blocks (no transforms: an import stores exactly what the file says).

const HttpUrlOrEmpty = z
  .string()
  .max(LIMITS.urlChars)
  .refine((value) => value === '' || isHttpUrl(value), {
    message: 'Only web addresses (http:// or https://) are allowed.',
  })
  .meta({ description: 'An http(s) URL, or empty. Other schemes (javascript:, file:, data:) are refused.' });

const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1a7f37.');
const Position = z.number().int().min(0).max(1_000_000);
const text = (max: number) =>
  z.string().max(max, `Too long: at most ${max.toLocaleString('en')} characters.`);

// ---------------------------------------------------------------------------------------------
// manifest.json

export const ManifestEntryV1 = z.strictObject({
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'A checksum must be 64 lowercase hex digits.')
    .meta({ description: 'SHA-256 of the entry’s bytes, lowercase hex.' }),
  bytes: z.number().int().min(0).meta({ description: 'Size of the entry in bytes, unpacked.' }),
});

export const ManifestV1 = z
  .strictObject({
    format: z.literal(FORMAT_NAME),
    formatVersion: z.literal(1),
    appVersion: text(100).meta({ description: 'Version of the app that wrote the file.' }),
    exportedAt: Timestamp,
    exportedBy: text(LIMITS.shortTextChars).meta({
      description: 'The author name set in the exporting app; may be empty.',
    }),
    entries: z
      .record(z.string().min(1).max(500), ManifestEntryV1)
      .meta({
        description: 'Every entry of the zip except manifest.json itself, by path: its size and SHA-256.',
      }),
  })
  .meta({ title: 'manifest.json (format version 1)' });
export type ManifestV1 = z.infer<typeof ManifestV1>;

/** Read before anything else, so a file from the future is refused before its schema is applied. */
export const ManifestEnvelope = z.object({ format: z.unknown(), formatVersion: z.unknown() });

// ---------------------------------------------------------------------------------------------
// project.json

export const ProjectV1 = z.strictObject({
  id: Id,
  title: z
    .string()
    .min(1, 'A project needs a title.')
    .max(LIMITS.titleChars, `Too long: at most ${LIMITS.titleChars} characters.`),
  description: text(LIMITS.noteChars),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const VerdictV1 = z.strictObject({
  id: Id,
  projectId: Id,
  position: Position,
  label: z.string().min(1, 'A verdict needs a label.').max(100, 'Too long: at most 100 characters.'),
  description: text(2_000),
  colour: HexColour,
  ratingValue: z.union([z.number(), z.null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ArticleV1 = z.strictObject({
  id: Id,
  projectId: Id,
  title: z
    .string()
    .min(1, 'An article needs a title.')
    .max(LIMITS.titleChars, `Too long: at most ${LIMITS.titleChars} characters.`),
  outlet: text(LIMITS.shortTextChars),
  author: text(LIMITS.shortTextChars),
  url: HttpUrlOrEmpty,
  publishedDate: CalendarDate,
  language: text(35),
  direction: z.enum(['ltr', 'rtl']),
  text: text(LIMITS.articleTextChars).meta({
    description: 'The article, normalised (NFC, \\n line ends); claim offsets are UTF-16 code units into it.',
  }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ClaimAnchorV1 = z.strictObject({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  exact: text(LIMITS.claimChars),
  prefix: text(200),
  suffix: text(200),
});

export const ClaimV1 = z.strictObject({
  id: Id,
  projectId: Id,
  articleId: Id,
  anchor: ClaimAnchorV1.meta({
    description:
      'Where the claim is in the article: start/end in UTF-16 code units, and the quoted text. An anchored claim must quote text.slice(start, end) exactly.',
  }),
  anchorState: z.enum(['anchored', 'orphaned']),
  statement: text(LIMITS.claimChars),
  claimant: text(LIMITS.shortTextChars),
  claimDate: CalendarDate,
  verdictId: z.union([Id, z.null()]),
  rationale: text(LIMITS.rationaleChars),
  status: z.enum(['unchecked', 'researching', 'in_review', 'approved']),
  tags: z
    .array(z.string().min(1, 'A tag cannot be empty.').max(100, 'Too long: at most 100 characters.'))
    .max(LIMITS.tagCount, `At most ${LIMITS.tagCount} tags.`),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const SourceV1 = z.strictObject({
  id: Id,
  claimId: Id,
  position: Position,
  url: HttpUrlOrEmpty,
  title: text(LIMITS.titleChars),
  publisher: text(LIMITS.shortTextChars),
  publishedDate: CalendarDate,
  accessedDate: CalendarDate,
  archivedUrl: HttpUrlOrEmpty,
  excerpt: text(LIMITS.noteChars),
  note: text(LIMITS.noteChars),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const FieldChangeV1 = z.strictObject({
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const ChangeV1 = z
  .strictObject({
    id: Id.meta({
      description:
        'Unique per change, kept across copies: the changes two copies share are their merge base.',
    }),
    projectId: Id,
    entityType: z.enum(['project', 'article', 'claim', 'source', 'verdict']),
    entityId: Id,
    op: z.enum(['create', 'update', 'delete']),
    fields: z
      .record(z.string().min(1).max(100), FieldChangeV1)
      .meta({
        description:
          'The fields the change touched: after only for create, before only for delete, both for update.',
      }),
    author: text(LIMITS.shortTextChars),
    at: Timestamp,
  })
  .refine((change) => Object.keys(change.fields).length <= PROJECT_FILE_LIMITS.fieldsPerChange, {
    message: `A change can touch at most ${PROJECT_FILE_LIMITS.fieldsPerChange} fields.`,
  });

const limitedArray = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item).max(max, `A project file can hold at most ${max.toLocaleString('en')} ${what}.`);

export const ProjectPayloadV1 = z
  .strictObject({
    project: ProjectV1,
    verdicts: limitedArray(VerdictV1, PROJECT_FILE_LIMITS.verdicts, 'verdicts').meta({
      description: 'The project’s verdict scale.',
    }),
    articles: limitedArray(ArticleV1, PROJECT_FILE_LIMITS.articles, 'articles'),
    claims: limitedArray(ClaimV1, PROJECT_FILE_LIMITS.claims, 'claims'),
    sources: limitedArray(SourceV1, PROJECT_FILE_LIMITS.sources, 'sources'),
    changes: limitedArray(ChangeV1, PROJECT_FILE_LIMITS.changes, 'history entries').meta({
      description: 'The change history, oldest first, including changes of records since deleted.',
    }),
  })
  .meta({ title: 'project.json (format version 1)' });
export type ProjectPayloadV1 = z.infer<typeof ProjectPayloadV1>;

// ---------------------------------------------------------------------------------------------
// Format version 2: editorial integrity. Everything not listed here is as in version 1.

export const ManifestV2 = z
  .strictObject({
    format: z.literal(FORMAT_NAME),
    formatVersion: z.literal(2),
    appVersion: text(100).meta({ description: 'Version of the app that wrote the file.' }),
    exportedAt: Timestamp,
    exportedBy: text(LIMITS.shortTextChars).meta({
      description: 'The author name set in the exporting app; may be empty.',
    }),
    entries: z
      .record(z.string().min(1).max(500), ManifestEntryV1)
      .meta({
        description: 'Every entry of the zip except manifest.json itself, by path: its size and SHA-256.',
      }),
  })
  .meta({ title: 'manifest.json (format version 2)' });
export type ManifestV2 = z.infer<typeof ManifestV2>;

const PersonName = text(200);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'A checksum must be 64 lowercase hex digits.');
const ClaimNumber = z
  .number()
  .int('A claim number is a whole number.')
  .min(1, 'Claim numbers start at 1.')
  .max(1_000_000_000, 'A claim number can be at most 1,000,000,000.');

export const ProjectV2 = z.strictObject({
  id: Id,
  title: z
    .string()
    .min(1, 'A project needs a title.')
    .max(LIMITS.titleChars, `Too long: at most ${LIMITS.titleChars} characters.`),
  description: text(LIMITS.noteChars),
  nextClaimNumber: ClaimNumber.meta({
    description:
      'One past the highest claim number ever given in the project, deleted claims included: numbers are never reused.',
  }),
  secondPairOfEyes: z.boolean().meta({
    description: '“Second pair of eyes”: whoever last changed a claim’s verdict cannot approve it.',
  }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ClaimantTypeV2 = z
  .enum(['', 'Person', 'Organization'], { message: 'A claimant type is “Person” or “Organization”.' })
  .meta({ description: 'How ClaimReview types the claimant (schema.org); empty when not chosen.' });

export const ApprovalV2 = z
  .strictObject({
    by: PersonName.meta({ description: 'Who approved (the author name in their Settings).' }),
    at: z.union([z.literal(''), Timestamp]),
    seal: z
      .string()
      .regex(/^([0-9a-f]{64})?$/, 'An approval seal is 64 lowercase hex digits, or empty.')
      .meta({
        description:
          'SHA-256 of what a report publishes for the claim when it was approved. The approval holds only while the claim still matches it.',
      }),
  })
  .meta({ description: 'Who approved the claim, when, and its seal; all empty when the claim is not approved.' });

export const ClaimV2 = z.strictObject({
  id: Id,
  projectId: Id,
  articleId: Id,
  number: ClaimNumber.meta({
    description: '“Claim 7”: unique within the project, below project.nextClaimNumber, never reused.',
  }),
  anchor: ClaimAnchorV1.meta({
    description:
      'Where the claim is in the article: start/end in UTF-16 code units, and the quoted text. An anchored claim must quote text.slice(start, end) exactly.',
  }),
  anchorState: z.enum(['anchored', 'orphaned']),
  statement: text(LIMITS.claimChars),
  claimant: text(LIMITS.shortTextChars),
  claimDate: CalendarDate,
  verdictId: z.union([Id, z.null()]),
  rationale: text(LIMITS.rationaleChars),
  status: z.enum(['unchecked', 'researching', 'in_review', 'approved']),
  tags: z
    .array(z.string().min(1, 'A tag cannot be empty.').max(100, 'Too long: at most 100 characters.'))
    .max(LIMITS.tagCount, `At most ${LIMITS.tagCount} tags.`),
  claimantType: ClaimantTypeV2,
  assignee: PersonName.meta({ description: 'The team member the claim is assigned to; empty when nobody.' }),
  quoteChangedFrom: text(LIMITS.claimChars).meta({
    description: 'The quote before an edit of the article text changed it; empty when there is nothing to review.',
  }),
  approval: ApprovalV2,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const TeamNoteV2 = z
  .strictObject({
    id: Id,
    projectId: Id,
    claimId: Id,
    author: PersonName,
    text: z
      .string()
      .max(LIMITS.noteChars, `A team note can be at most ${LIMITS.noteChars.toLocaleString('en')} characters.`),
    createdAt: Timestamp,
  })
  .meta({ description: 'One message of a claim’s “Team notes” thread: for the team, never in a report.' });

export const CorrectionV2 = z
  .strictObject({
    id: Id,
    projectId: Id,
    claimId: Id,
    kind: z.enum(['correction', 'update']),
    text: z
      .string()
      .max(
        LIMITS.noteChars,
        `A correction note can be at most ${LIMITS.noteChars.toLocaleString('en')} characters.`,
      ),
    author: PersonName,
    createdAt: Timestamp,
  })
  .meta({ description: 'A correction or update note on a published claim: published under it.' });

export const PublishedClaimV2 = z.strictObject({
  claimId: Id.meta({ description: 'The claim as published; it may have been deleted since.' }),
  number: ClaimNumber,
  verdict: text(LIMITS.shortTextChars),
  statement: text(LIMITS.claimChars),
  seal: Sha256.meta({ description: 'The claim’s approval seal when it was published.' }),
});

export const PublicationV2 = z
  .strictObject({
    id: Id,
    projectId: Id,
    publishedAt: Timestamp,
    publishedBy: PersonName,
    formats: z.array(text(20)).max(10),
    files: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(255),
          format: text(20),
          sha256: Sha256,
        }),
      )
      .max(10),
    claims: limitedArray(PublishedClaimV2, PROJECT_FILE_LIMITS.claims, 'claims in one publication'),
  })
  .meta({ description: 'A report marked as published: what went out, byte for byte and claim by claim.' });

export const ProjectPayloadV2 = z
  .strictObject({
    project: ProjectV2,
    verdicts: limitedArray(VerdictV1, PROJECT_FILE_LIMITS.verdicts, 'verdicts').meta({
      description: 'The project’s verdict scale.',
    }),
    articles: limitedArray(ArticleV1, PROJECT_FILE_LIMITS.articles, 'articles'),
    claims: limitedArray(ClaimV2, PROJECT_FILE_LIMITS.claims, 'claims'),
    sources: limitedArray(SourceV1, PROJECT_FILE_LIMITS.sources, 'sources'),
    teamNotes: limitedArray(TeamNoteV2, PROJECT_FILE_LIMITS.teamNotes, 'team notes').meta({
      description: 'Team notes of the claims, oldest first. Left out of files exported “without team notes”.',
    }),
    corrections: limitedArray(CorrectionV2, PROJECT_FILE_LIMITS.corrections, 'correction notes'),
    publications: limitedArray(PublicationV2, PROJECT_FILE_LIMITS.publications, 'publications'),
    changes: limitedArray(ChangeV1, PROJECT_FILE_LIMITS.changes, 'history entries').meta({
      description: 'The change history, oldest first, including changes of records since deleted.',
    }),
  })
  .meta({ title: 'project.json (format version 2)' });
export type ProjectPayloadV2 = z.infer<typeof ProjectPayloadV2>;

// ---------------------------------------------------------------------------------------------
// Format version 3: claim links ("Previously checked"). Everything not listed here is as in 2.

export const ManifestV3 = z
  .strictObject({
    format: z.literal(FORMAT_NAME),
    formatVersion: z.literal(3),
    appVersion: text(100).meta({ description: 'Version of the app that wrote the file.' }),
    exportedAt: Timestamp,
    exportedBy: text(LIMITS.shortTextChars).meta({
      description: 'The author name set in the exporting app; may be empty.',
    }),
    entries: z
      .record(z.string().min(1).max(500), ManifestEntryV1)
      .meta({
        description: 'Every entry of the zip except manifest.json itself, by path: its size and SHA-256.',
      }),
  })
  .meta({ title: 'manifest.json (format version 3)' });
export type ManifestV3 = z.infer<typeof ManifestV3>;

export const ClaimLinkV3 = z
  .strictObject({
    id: Id,
    projectId: Id,
    claimId: Id.meta({ description: 'The claim of this file that is the same claim as the earlier check.' }),
    targetKind: z
      .enum(['claim', 'reference'], { message: 'A link’s target is a “claim” or a “reference”.' })
      .meta({ description: 'A claim of a project (often not in this file), or a reference fact-check.' }),
    targetId: Id.meta({
      description: 'The earlier check’s id; it is usually not in the file, so the snapshot below travels instead.',
    }),
    publisher: text(LIMITS.shortTextChars).meta({
      description: 'Snapshot: the earlier claim’s project title, or the reference’s publisher.',
    }),
    date: CalendarDate.meta({ description: 'Snapshot: the earlier check’s approval or review date; may be empty.' }),
    rating: text(LIMITS.shortTextChars).meta({ description: 'Snapshot: its verdict or rating; may be empty.' }),
    url: HttpUrlOrEmpty.meta({ description: 'Snapshot: the reference’s address; empty for a claim.' }),
    statement: text(LIMITS.claimChars).meta({ description: 'Snapshot: what the earlier check was about.' }),
    linkedBy: PersonName.meta({ description: 'Who linked the claim (the author name in their Settings).' }),
    linkedAt: Timestamp,
  })
  .meta({
    description:
      '“Same claim”: the claim marked as checked before, with what a report prints under “Previously checked” (publisher, date, rating, url), taken when it was linked. Published, so part of the approval seal.',
  });

export const ProjectPayloadV3 = z
  .strictObject({
    project: ProjectV2,
    verdicts: limitedArray(VerdictV1, PROJECT_FILE_LIMITS.verdicts, 'verdicts').meta({
      description: 'The project’s verdict scale.',
    }),
    articles: limitedArray(ArticleV1, PROJECT_FILE_LIMITS.articles, 'articles'),
    claims: limitedArray(ClaimV2, PROJECT_FILE_LIMITS.claims, 'claims'),
    sources: limitedArray(SourceV1, PROJECT_FILE_LIMITS.sources, 'sources'),
    teamNotes: limitedArray(TeamNoteV2, PROJECT_FILE_LIMITS.teamNotes, 'team notes').meta({
      description: 'Team notes of the claims, oldest first. Left out of files exported “without team notes”.',
    }),
    corrections: limitedArray(CorrectionV2, PROJECT_FILE_LIMITS.corrections, 'correction notes'),
    publications: limitedArray(PublicationV2, PROJECT_FILE_LIMITS.publications, 'publications'),
    claimLinks: limitedArray(ClaimLinkV3, PROJECT_FILE_LIMITS.claimLinks, 'claim links').meta({
      description: 'Links of the claims to earlier checks, oldest first. Kept in files “without team notes” (they are published).',
    }),
    changes: limitedArray(ChangeV1, PROJECT_FILE_LIMITS.changes, 'history entries').meta({
      description:
        'The change history, oldest first, including changes of records since deleted. Adding or removing a link is an update of its claim’s field “links” (the published lines before and after).',
    }),
  })
  .meta({ title: 'project.json (format version 3)' });
export type ProjectPayloadV3 = z.infer<typeof ProjectPayloadV3>;

// ---------------------------------------------------------------------------------------------
// Format version 4: evidence files of sources. Everything not listed here is as in 3.

export const ManifestV4 = z
  .strictObject({
    format: z.literal(FORMAT_NAME),
    formatVersion: z.literal(4),
    appVersion: text(100).meta({ description: 'Version of the app that wrote the file.' }),
    exportedAt: Timestamp,
    exportedBy: text(LIMITS.shortTextChars).meta({
      description: 'The author name set in the exporting app; may be empty.',
    }),
    entries: z.record(z.string().min(1).max(500), ManifestEntryV1).meta({
      description:
        'Every entry of the zip except manifest.json itself, by path: its size and SHA-256 (project.json and each attachments/<sha256>).',
    }),
  })
  .meta({ title: 'manifest.json (format version 4)' });
export type ManifestV4 = z.infer<typeof ManifestV4>;


/** A file name as shown: no folders, no control characters, not "." or "..". */
const AttachmentName = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .refine((name) => !/[\\/\u0000-\u001f\u007f]/.test(name) && !/^\.*$/.test(name), {
    message: 'An evidence file’s name must be a file name only (no folders).',
  })
  .meta({ description: 'The file name as shown, without folders.' });

export const AttachmentV4 = z
  .strictObject({
    id: Id,
    projectId: Id,
    sourceId: Id,
    sha256: Sha256.meta({ description: 'SHA-256 of the file, lowercase hex; the file is the entry attachments/<sha256>.' }),
    name: AttachmentName,
    mediaType: z.string().min(1).max(255).meta({ description: 'e.g. application/pdf, image/png, multipart/related.' }),
    size: z
      .number()
      .int()
      .min(1, 'An evidence file cannot be empty.')
      .max(PROJECT_FILE_LIMITS.attachmentBytes, 'An evidence file can be at most 200 MB.')
      .meta({ description: 'Bytes, 1 to 200 MB; equal to the entry’s size in the manifest.' }),
    originUrl: HttpUrlOrEmpty.meta({ description: 'Where it came from (a capture’s final address), or empty.' }),
    kind: z.enum(['file', 'capture-mhtml', 'capture-pdf', 'capture-screenshot', 'capture-text']),
    capturedAt: z.union([z.literal(''), Timestamp]).meta({ description: 'When a capture was taken; empty for a file.' }),
    httpStatus: z.union([z.number().int().min(100).max(599), z.null()]),
    addedBy: PersonName,
    addedAt: Timestamp,
  })
  .meta({
    description:
      'An evidence file on a source: its bytes are the entry attachments/<sha256>. Immutable; published, so part of the approval seal.',
  });

// Built without `changes` first, so the key order is v3's with attachments before the history.
const { changes: _v3Changes, ...recordsV3 } = ProjectPayloadV3.shape;

export const ProjectPayloadV4 = z
  .strictObject({
    ...recordsV3,
    attachments: limitedArray(AttachmentV4, PROJECT_FILE_LIMITS.attachments, 'evidence files').meta({
      description: 'Evidence files of the sources, by source then time. Empty in files exported “without evidence files”.',
    }),
    changes: _v3Changes,
  })
  .meta({ title: 'project.json (format version 4)' });
export type ProjectPayloadV4 = z.infer<typeof ProjectPayloadV4>;

// ---------------------------------------------------------------------------------------------
// The current version, and every version's schemas (the upgrade pipeline parses with these).

export const ProjectPayload = ProjectPayloadV4;
export type ProjectPayload = ProjectPayloadV4;
export type PayloadRecord =
  | ProjectPayload['project']
  | ProjectPayload['verdicts'][number]
  | ProjectPayload['articles'][number]
  | ProjectPayload['claims'][number]
  | ProjectPayload['sources'][number];

export const MANIFEST_SCHEMAS: Readonly<Record<number, z.ZodType>> = {
  1: ManifestV1,
  2: ManifestV2,
  3: ManifestV3,
  4: ManifestV4,
};
export const PAYLOAD_SCHEMAS: Readonly<Record<number, z.ZodType>> = {
  1: ProjectPayloadV1,
  2: ProjectPayloadV2,
  3: ProjectPayloadV3,
  4: ProjectPayloadV4,
};

/** A manifest as read: of the file's own version (a v1 file keeps formatVersion 1). */
export type Manifest = ManifestV1 | ManifestV2 | ManifestV3 | ManifestV4;

// Compile-time guard: the current payload must hold the app's records as they are. When a domain
// type gains a field, this stops compiling until a new format version carries it.
type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _payloadMatchesDomain: Assignable<Omit<ProjectPayload, 'changes' | 'claimLinks' | 'attachments'>, ProjectData> = true;
const _changesMatchDomain: Assignable<ProjectPayload['changes'][number], Change> = true;
const _linksMatchContract: Assignable<ProjectPayload['claimLinks'][number], ClaimLink> = true;
void _payloadMatchesDomain;
void _changesMatchDomain;
const _attachmentsMatchContract: Assignable<ProjectPayload['attachments'][number], Attachment> = true;
void _linksMatchContract;
void _attachmentsMatchContract;
