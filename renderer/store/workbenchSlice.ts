/**
 * The claim workbench's state: the open article, its claims and sources, the selected claim, and
 * the project's undo/redo stacks. Every mutation goes to main first and is applied here from main's
 * answer, so what the screen shows is what is saved. The undo rules (step kinds, merging, limits,
 * what undoing each step asks of main) are in ../workbench/undoStack.ts; this slice runs them.
 */
import type { AnchorAssignment, DeletedRecords } from '../../shared/api/contract.workbench';
import { createAnchor } from '../../shared/anchoring';
import { PUBLISHED_CLAIM_FIELDS } from '../../shared/editorial/approval';
import {
  type Article,
  type Claim,
  type ClaimFields,
  type CorrectionKind,
  type Correction,
  type Source,
  type SourceFields,
} from '../../shared/domain';
import { api, ApiCallError } from '../api';
import { deriveHighlights, sortClaims } from '../workbench/claimView';
import type { Highlight } from '../workbench/segments';
import {
  actionAfter,
  actionFromParts,
  emptyStacks,
  operationFor,
  partsInRunOrder,
  pushStep,
  settleStep,
  takeStep,
  type SingleAction,
  type UndoDirection,
  type UndoEntry,
  type UndoOperation,
} from '../workbench/undoStack';
import type { LinkTarget, StartFromResult } from '../../shared/api/contract.claimLinks';
import type { SliceCreator } from './types';

export type { UndoAction, UndoEntry } from '../workbench/undoStack';

export type AnchorMode = { kind: 'reattach' | 'adjust'; claimId: string } | null;

/** After a span change: the claim's statement read as the old quote; offer the new one. */
export type StatementOffer = { claimId: string; quote: string } | null;

export interface WorkbenchSlice {
  wbArticle: Article | null;
  wbArticleId: string | null;
  wbStatus: 'idle' | 'loading' | 'ready' | 'error';
  wbError: string | null;
  /** The open article's claims in reading order (anchored by position, then orphaned). */
  claims: Claim[];
  /** The anchored claims as the reading view needs them; a new array only when spans or verdicts change. */
  highlights: Highlight[];
  sourcesByClaim: Record<string, Source[]>;
  claimantSuggestions: string[];
  tagSuggestions: string[];
  selectedClaimId: string | null;
  /** Waiting for the user to select new text for a claim (re-attach an orphan, or adjust a span). */
  anchorMode: AnchorMode;
  undoStack: UndoEntry[];
  redoStack: UndoEntry[];
  /** Settings' author name: "me" for assignees, the approver; null until loaded. */
  authorName: string | null;
  /** Assignee names seen in the project's claims opened this session, sorted. */
  assigneeSuggestions: string[];
  /** Per claim: "Claim 7 was approved; this change returned it to In review." */
  approvalNotices: Record<string, string>;
  statementOffer: StatementOffer;
  /**
   * Counts the times the open project was read again after an import or restore changed it in the
   * background: what the claim editor reads on its own (team notes, corrections, history) follows.
   */
  backgroundRevision: number;

  loadArticle(id: string): Promise<void>;
  /**
   * Reads the open article again in place, after an import or restore changed it: its text, claims
   * and sources. The selected claim stays open while it exists; when it is gone the editor closes
   * with a notice. 'gone': the article itself no longer exists (nothing was changed here).
   */
  reloadOpenArticle(): Promise<'ready' | 'gone' | 'failed' | 'none'>;
  /** Runs `task` once the undo/redo steps already asked for have run, and before any asked for later. */
  afterPendingUndo(task: () => Promise<void>): Promise<void>;
  closeArticle(): void;
  selectClaim(id: string | null): void;
  setAnchorMode(mode: AnchorMode): void;
  /** Marks [start, end) of the article text (already snapped) as a new claim. */
  markClaim(start: number, end: number): Promise<Claim>;
  /** Saves some fields of a claim; throws the API error so the field can show it. */
  updateClaim(id: string, fields: Partial<ClaimFields>, label?: string): Promise<Claim>;
  deleteClaims(ids: string[]): Promise<void>;
  /** Gives a claim a new span (re-attach or adjust). */
  setClaimSpan(id: string, start: number, end: number): Promise<Claim>;
  addSource(claimId: string): Promise<Source>;
  updateSource(id: string, fields: Partial<SourceFields>, label?: string): Promise<Source>;
  deleteSource(id: string): Promise<void>;
  /** Saves corrected article text; claims re-anchor in main. Answers how many could not be found. */
  editArticleText(text: string): Promise<{ orphaned: number; total: number }>;
  /** Deletes an article with its claims (undo brings all back). */
  deleteArticleWithClaims(id: string): Promise<DeletedRecords>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  clearUndo(): void;
  /** Reads Settings' author name (once, or again with `force`). */
  loadAuthorName(force?: boolean): Promise<string>;
  /** Saves Settings' author name (the approval prompt). */
  saveAuthorName(name: string): Promise<void>;
  dismissApprovalNotice(claimId: string): void;
  dismissStatementOffer(): void;
  /** "Keep new quote": the quote a text edit changed is accepted as it now reads. */
  keepNewQuote(claimId: string): Promise<Claim>;
  /**
   * "Use as starting point": main copies the earlier check into the claim in one transaction; the
   * copy (fields and new sources) is one undo step.
   */
  startFromEarlier(claimId: string, target: LinkTarget): Promise<StartFromResult>;
  /** A correction or update note under a published claim. */
  addCorrection(claimId: string, kind: CorrectionKind, text: string): Promise<Correction>;
  /**
   * Reads the claims again when one of them was approved and something it publishes changed
   * (a source, say): main may have returned it to "In review".
   */
  recheckApprovals(claimIds: readonly string[]): Promise<void>;
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
/** The project whose assignees `assigneeSuggestions` holds. */
let assigneeProject: string | null = null;
/** The settings.get in flight, shared by the components that ask at once. */
let authorLoad: Promise<string> | null = null;
/** Serialises undo/redo so that quick repeated presses apply in order. */
let undoQueue: Promise<void> = Promise.resolve();

const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });

const without = (record: Record<string, string>, key: string) => {
  const rest = { ...record };
  delete rest[key];
  return rest;
};

const pick = <T extends object>(record: T, keys: readonly (keyof T)[]): Partial<T> => {
  const out: Partial<T> = {};
  for (const key of keys) out[key] = record[key];
  return out;
};

const FIELD_LABELS: Record<string, string> = {
  statement: 'claim',
  claimant: 'claimant',
  claimDate: 'claim date',
  verdictId: 'verdict',
  rationale: 'rationale',
  status: 'status',
  tags: 'tags',
  claimantType: 'claimant type',
  assignee: 'assignee',
  url: 'source URL',
  title: 'source title',
  publisher: 'publisher',
  publishedDate: 'source date',
  accessedDate: 'accessed date',
  archivedUrl: 'archived URL',
  excerpt: 'excerpt',
  note: 'note',
};

export const createWorkbenchSlice: SliceCreator<WorkbenchSlice> = (set, get) => {
  /** Replaces the claims (sorted) and re-derives the highlights, keeping unchanged ones. */
  const setClaims = (claims: Claim[]) => {
    const sorted = sortClaims(claims);
    set({ claims: sorted, highlights: deriveHighlights(get().highlights, sorted) });
  };
  const upsertClaims = (changed: Claim[]) => {
    const articleId = get().wbArticleId;
    const mine = changed.filter((claim) => claim.articleId === articleId);
    if (mine.length === 0) return;
    const byId = new Map(mine.map((claim) => [claim.id, claim]));
    const next = get().claims.map((claim) => byId.get(claim.id) ?? claim);
    for (const claim of mine)
      if (!get().claims.some((existing) => existing.id === claim.id)) next.push(claim);
    setClaims(next);
    const claimants = new Set(get().claimantSuggestions);
    const tags = new Set(get().tagSuggestions);
    const before = claimants.size + tags.size;
    for (const claim of mine) {
      if (claim.claimant.trim()) claimants.add(claim.claimant);
      for (const tag of claim.tags) tags.add(tag);
    }
    if (claimants.size + tags.size !== before) {
      set({ claimantSuggestions: [...claimants].sort(byName), tagSuggestions: [...tags].sort(byName) });
    }
    rememberAssignees(mine);
  };
  const rememberAssignees = (claims: readonly Claim[]) => {
    const names = get().assigneeSuggestions;
    const fresh = claims
      .map((claim) => claim.assignee.trim())
      .filter((name, index, all) => name !== '' && all.indexOf(name) === index && !names.includes(name));
    if (fresh.length > 0) set({ assigneeSuggestions: [...names, ...fresh].sort(byName) });
  };
  /**
   * Notes claims that were approved before and are "In review" now, unless the person set the
   * status themselves: the editor says what happened.
   */
  const noteWithdrawn = (before: readonly Claim[], after: readonly Claim[], statusSetByHand = false) => {
    const was = new Map(before.map((claim) => [claim.id, claim.status]));
    let notices = get().approvalNotices;
    for (const claim of after) {
      const old = was.get(claim.id);
      if (old === undefined) continue;
      if (old === 'approved' && claim.status === 'in_review' && !statusSetByHand) {
        notices = {
          ...notices,
          [claim.id]: `Claim ${claim.number} was approved; this change returned it to In review.`,
        };
      } else if (claim.status === 'approved' && notices[claim.id]) {
        notices = without(notices, claim.id);
      }
    }
    if (notices !== get().approvalNotices) set({ approvalNotices: notices });
  };
  /**
   * main withdraws an approval just before its transaction commits, after some answers were read:
   * when an approved claim may have changed what it publishes, read the article's claims again.
   */
  const recheck = async (claimIds: readonly string[]) => {
    const ids = new Set(claimIds);
    const before = get().claims.filter((claim) => ids.has(claim.id));
    if (!before.some((claim) => claim.status === 'approved')) return;
    const articleId = get().wbArticleId;
    if (!articleId) return;
    await reloadClaims(articleId);
    noteWithdrawn(
      before,
      get().claims.filter((claim) => ids.has(claim.id)),
    );
  };
  const touchesPublished = (fields: Partial<ClaimFields>) =>
    PUBLISHED_CLAIM_FIELDS.some((key) => key in fields);
  const removeClaims = (ids: readonly string[]) => {
    const gone = new Set(ids);
    if (!get().claims.some((claim) => gone.has(claim.id))) return;
    const sourcesByClaim = { ...get().sourcesByClaim };
    for (const id of ids) delete sourcesByClaim[id];
    setClaims(get().claims.filter((claim) => !gone.has(claim.id)));
    const selected = get().selectedClaimId;
    set({ sourcesByClaim, ...(selected && gone.has(selected) ? { selectedClaimId: null } : {}) });
    const mode = get().anchorMode;
    if (mode && gone.has(mode.claimId)) set({ anchorMode: null });
  };
  const upsertSources = (changed: Source[]) => {
    const known = new Set(get().claims.map((claim) => claim.id));
    const sourcesByClaim = { ...get().sourcesByClaim };
    let touched = false;
    for (const source of changed) {
      if (!known.has(source.claimId)) continue;
      const list = (sourcesByClaim[source.claimId] ?? []).filter((existing) => existing.id !== source.id);
      list.push(source);
      sourcesByClaim[source.claimId] = list.sort((a, b) => a.position - b.position);
      touched = true;
    }
    if (touched) set({ sourcesByClaim });
  };
  const removeSources = (ids: readonly string[]) => {
    const gone = new Set(ids);
    const sourcesByClaim: Record<string, Source[]> = {};
    for (const [claimId, list] of Object.entries(get().sourcesByClaim)) {
      // Positions close up behind a removed source, as main does.
      sourcesByClaim[claimId] = list
        .filter((source) => !gone.has(source.id))
        .map((source, position) => (source.position === position ? source : { ...source, position }));
    }
    set({ sourcesByClaim });
  };
  /** Progress in the project header (and claim counts in the article list), a moment after changes settle. */
  const refreshSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void get().refreshProject(), 200);
  };
  const push = (entry: Omit<UndoEntry, 'at'>) => {
    set(pushStep(get(), entry, Date.now()));
  };
  const anchorsOf = (claims: readonly Claim[]): AnchorAssignment[] =>
    claims.map((claim) => ({ claimId: claim.id, anchor: claim.anchor, anchorState: claim.anchorState }));
  const reloadClaims = async (articleId: string) => {
    const loaded = await api.call('workbench.loadArticle', { id: articleId });
    if (get().wbArticleId !== articleId) return;
    set({ wbArticle: loaded.article });
    setClaims(loaded.claims);
  };

  /** Applies what main answered for records that came back (restore) or went away (delete). */
  const applyRestored = (records: DeletedRecords) => {
    if (records.article) void get().refreshProject();
    upsertClaims(records.claims);
    upsertSources(records.sources);
  };
  const applyDeleted = (records: DeletedRecords) => {
    removeClaims(records.claims.map((claim) => claim.id));
    removeSources(records.sources.map((source) => source.id));
    if (records.article && records.article.id === get().wbArticleId) {
      const route = get().route;
      if (route.kind === 'project')
        get().navigate({ kind: 'project', projectId: route.projectId, articleId: null });
    }
  };

  /** Runs one undo/redo operation against main; answers the records a restore or delete returned. */
  const run = async (operation: UndoOperation): Promise<DeletedRecords | null> => {
    switch (operation.op) {
      case 'updateClaim': {
        const { claimId, fields } = operation;
        const before = get().claims.filter((claim) => claim.id === claimId);
        const updated = await api.call('claims.update', { id: claimId, fields });
        upsertClaims([updated]);
        noteWithdrawn(before, [updated], 'status' in fields);
        if (updated.status === 'approved' && touchesPublished(fields)) await recheck([claimId]);
        if ('status' in fields) refreshSoon();
        return null;
      }
      case 'updateSource': {
        const updated = await api.call('sources.update', {
          id: operation.sourceId,
          fields: operation.fields,
        });
        upsertSources([updated]);
        await recheck([updated.claimId]);
        return null;
      }
      case 'restore': {
        const restored = await api.call('workbench.restore', operation.records);
        applyRestored(restored);
        if (restored.claims.length === 0) await recheck(restored.sources.map((source) => source.claimId));
        refreshSoon();
        if (restored.article) {
          const route = get().route;
          if (route.kind === 'project')
            get().navigate({ kind: 'project', projectId: route.projectId, articleId: restored.article.id });
        }
        return restored;
      }
      case 'deleteArticle':
      case 'deleteClaims':
      case 'deleteSources': {
        let gone: DeletedRecords;
        if (operation.op === 'deleteArticle')
          gone = await api.call('workbench.deleteArticle', { id: operation.articleId });
        else if (operation.op === 'deleteClaims')
          gone = await api.call('workbench.deleteClaims', { ids: operation.claimIds });
        else {
          const current = new Map(
            Object.values(get().sourcesByClaim)
              .flat()
              .map((source) => [source.id, source]),
          );
          for (const source of operation.sources) await api.call('sources.delete', { id: source.id });
          gone = {
            article: null,
            claims: [],
            sources: operation.sources.map((source) => current.get(source.id) ?? source),
          };
        }
        applyDeleted(gone);
        if (operation.op === 'deleteSources') await recheck(gone.sources.map((source) => source.claimId));
        refreshSoon();
        return gone;
      }
      case 'setAnchors': {
        const { articleId, anchors, text } = operation;
        if (text === undefined) {
          const result = await api.call('workbench.setAnchors', { articleId, anchors });
          upsertClaims(result.claims);
        } else {
          const result = await api.call('workbench.setAnchors', { articleId, text, anchors });
          if (get().wbArticleId === articleId) {
            set({ wbArticle: result.article });
            setClaims(result.claims);
          }
        }
        return null;
      }
      case 'setText':
        await api.call('articles.update', { id: operation.articleId, text: operation.text });
        if (get().wbArticleId === operation.articleId) await reloadClaims(operation.articleId);
        return null;
      case 'sequence':
        for (const part of operation.operations) await run(part);
        return null;
    }
  };

  const runUndo = (direction: UndoDirection) => {
    const step = async () => {
      const taken = takeStep(get(), direction);
      if (!taken) {
        get().notify('info', direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
        return;
      }
      const { entry } = taken;
      set(taken.stacks);
      try {
        // A compound step's parts run one by one, each settled with the records main answered.
        const done: SingleAction[] = [];
        for (const part of partsInRunOrder(entry.action, direction))
          done.push(actionAfter(part, await run(operationFor(part, direction))));
        set(settleStep(get(), direction, entry, actionFromParts(entry.action, direction, done)));
        get().notify('info', `${direction === 'undo' ? 'Undone' : 'Redone'}: ${entry.label}.`);
      } catch (error) {
        get().reportError(error);
      }
    };
    undoQueue = undoQueue.then(step, step);
    return undoQueue;
  };

  return {
    wbArticle: null,
    wbArticleId: null,
    wbStatus: 'idle',
    wbError: null,
    claims: [],
    highlights: [],
    sourcesByClaim: {},
    claimantSuggestions: [],
    tagSuggestions: [],
    selectedClaimId: null,
    anchorMode: null,
    ...emptyStacks(),
    authorName: null,
    assigneeSuggestions: [],
    approvalNotices: {},
    statementOffer: null,
    backgroundRevision: 0,

    async loadArticle(id) {
      set({ wbArticleId: id, wbStatus: 'loading', wbError: null, anchorMode: null });
      try {
        const loaded = await api.call('workbench.loadArticle', { id });
        if (get().wbArticleId !== id) return;
        const sourcesByClaim: Record<string, Source[]> = {};
        for (const source of loaded.sources) (sourcesByClaim[source.claimId] ??= []).push(source);
        const sorted = sortClaims(loaded.claims);
        const keepSelection = sorted.some((claim) => claim.id === get().selectedClaimId);
        if (loaded.article.projectId !== assigneeProject) set({ assigneeSuggestions: [] });
        assigneeProject = loaded.article.projectId;
        rememberAssignees(sorted);
        set({
          wbArticle: loaded.article,
          wbStatus: 'ready',
          claims: sorted,
          highlights: deriveHighlights([], sorted),
          sourcesByClaim,
          claimantSuggestions: loaded.claimants,
          tagSuggestions: loaded.tags,
          ...(keepSelection ? {} : { selectedClaimId: null }),
        });
      } catch (error) {
        if (get().wbArticleId !== id) return;
        set({
          wbStatus: 'error',
          wbError: error instanceof Error ? error.message : 'The article could not be opened.',
        });
      }
    },
    async reloadOpenArticle() {
      const id = get().wbArticleId;
      if (!id) return 'none';
      let loaded;
      try {
        loaded = await api.call('workbench.loadArticle', { id });
      } catch (error) {
        if (get().wbArticleId !== id) return 'none';
        if (error instanceof ApiCallError && error.code === 'not_found') return 'gone';
        get().reportError(error);
        return 'failed';
      }
      if (get().wbArticleId !== id) return 'none';
      const ids = new Set(loaded.claims.map((claim) => claim.id));
      const sourcesByClaim: Record<string, Source[]> = {};
      for (const source of loaded.sources) (sourcesByClaim[source.claimId] ??= []).push(source);
      for (const list of Object.values(sourcesByClaim)) list.sort((a, b) => a.position - b.position);
      const selected = get().selectedClaimId;
      const removed =
        selected && !ids.has(selected) ? get().claims.find((claim) => claim.id === selected) : undefined;
      const mode = get().anchorMode;
      const offer = get().statementOffer;
      const notices = Object.fromEntries(
        Object.entries(get().approvalNotices).filter(([claimId]) => ids.has(claimId)),
      );
      set({
        wbArticle: loaded.article,
        wbStatus: 'ready',
        wbError: null,
        sourcesByClaim,
        claimantSuggestions: loaded.claimants,
        tagSuggestions: loaded.tags,
        ...(selected && !ids.has(selected) ? { selectedClaimId: null } : {}),
        ...(mode && !ids.has(mode.claimId) ? { anchorMode: null } : {}),
        ...(offer && !ids.has(offer.claimId) ? { statementOffer: null } : {}),
        approvalNotices: notices,
      });
      // Highlights that did not change stay the same objects: only the paragraphs touched re-render.
      setClaims(loaded.claims);
      rememberAssignees(loaded.claims);
      if (removed)
        get().notify(
          'info',
          `Claim ${removed.number} is no longer in the project (import or restore); its editor was closed.`,
        );
      return 'ready';
    },
    afterPendingUndo(task) {
      undoQueue = undoQueue.then(task, task);
      return undoQueue;
    },
    closeArticle() {
      set({
        wbArticleId: null,
        wbArticle: null,
        wbStatus: 'idle',
        claims: [],
        highlights: [],
        sourcesByClaim: {},
        selectedClaimId: null,
        anchorMode: null,
        approvalNotices: {},
        statementOffer: null,
      });
    },
    selectClaim(id) {
      if (get().selectedClaimId !== id) set({ selectedClaimId: id });
    },
    setAnchorMode(mode) {
      set({ anchorMode: mode });
    },

    async markClaim(start, end) {
      const article = get().wbArticle;
      if (!article) throw new Error('No article is open.');
      const claim = await api.call('claims.create', {
        articleId: article.id,
        anchor: createAnchor(article.text, start, end),
      });
      upsertClaims([claim]);
      set({ selectedClaimId: claim.id });
      push({
        label: 'Mark claim',
        action: { kind: 'created', records: { article: null, claims: [claim], sources: [] } },
      });
      refreshSoon();
      return claim;
    },

    async updateClaim(id, fields, label) {
      const before = get().claims.find((claim) => claim.id === id);
      let updated = await api.call('claims.update', { id, fields });
      upsertClaims([updated]);
      if (before) noteWithdrawn([before], [updated], 'status' in fields);
      if (before?.status === 'approved' && updated.status === 'approved' && touchesPublished(fields)) {
        await recheck([id]);
        updated = get().claims.find((claim) => claim.id === id) ?? updated;
      }
      if (before) {
        const keys = Object.keys(fields) as (keyof ClaimFields)[];
        const name = label ?? `Edit ${keys.map((key) => FIELD_LABELS[key] ?? key).join(', ')}`;
        push({
          label: name,
          mergeKey: `claim:${id}:${keys.sort().join(',')}`,
          action: {
            kind: 'claimFields',
            claimId: id,
            before: pick(before, keys),
            after: pick(updated, keys),
          },
        });
      }
      if ('status' in fields) refreshSoon();
      return updated;
    },

    async deleteClaims(ids) {
      if (ids.length === 0) return;
      const gone = await api.call('workbench.deleteClaims', { ids });
      // Keep the keyboard loop going: the next claim in reading order becomes the selected one.
      const order = get().claims;
      const index = order.findIndex((claim) => claim.id === ids[0]);
      applyDeleted(gone);
      const rest = get().claims;
      if (index >= 0 && rest.length > 0) set({ selectedClaimId: rest[Math.min(index, rest.length - 1)]!.id });
      push({
        label: ids.length === 1 ? 'Delete claim' : `Delete ${ids.length} claims`,
        action: { kind: 'deleted', records: gone },
      });
      refreshSoon();
    },

    async setClaimSpan(id, start, end) {
      const article = get().wbArticle;
      const before = get().claims.find((claim) => claim.id === id);
      if (!article || !before) throw new Error('That claim is no longer here.');
      const updated = await api.call('claims.update', { id, anchor: createAnchor(article.text, start, end) });
      upsertClaims([updated]);
      // The statement still read as the quote it was marked with: offer the new quote for it too.
      const readAsQuote =
        before.statement === before.anchor.exact ||
        (before.quoteChangedFrom !== '' && before.statement === before.quoteChangedFrom);
      set({
        anchorMode: null,
        selectedClaimId: id,
        statementOffer:
          readAsQuote && updated.statement !== updated.anchor.exact
            ? { claimId: id, quote: updated.anchor.exact }
            : null,
      });
      noteWithdrawn([before], [updated]);
      if (updated.status === 'approved' && before.anchor.exact !== updated.anchor.exact) await recheck([id]);
      push({
        label: before.anchorState === 'orphaned' ? 'Re-attach claim' : 'Adjust claim span',
        action: {
          kind: 'anchors',
          articleId: article.id,
          before: anchorsOf([before]),
          after: anchorsOf([updated]),
        },
      });
      return updated;
    },

    async addSource(claimId) {
      // "Accessed" stays empty until the person sets it: a date filled in for them would read as checked.
      const source = await api.call('sources.create', { claimId, fields: {} });
      upsertSources([source]);
      await recheck([claimId]);
      push({
        label: 'Add source',
        action: { kind: 'created', records: { article: null, claims: [], sources: [source] } },
      });
      return source;
    },

    async updateSource(id, fields, label) {
      const before = Object.values(get().sourcesByClaim)
        .flat()
        .find((source) => source.id === id);
      const updated = await api.call('sources.update', { id, fields });
      upsertSources([updated]);
      await recheck([updated.claimId]);
      if (before) {
        const keys = Object.keys(fields) as (keyof SourceFields)[];
        push({
          label: label ?? `Edit ${keys.map((key) => FIELD_LABELS[key] ?? key).join(', ')}`,
          mergeKey: `source:${id}:${keys.sort().join(',')}`,
          action: {
            kind: 'sourceFields',
            sourceId: id,
            before: pick(before, keys),
            after: pick(updated, keys),
          },
        });
      }
      return updated;
    },

    async deleteSource(id) {
      const source = Object.values(get().sourcesByClaim)
        .flat()
        .find((candidate) => candidate.id === id);
      await api.call('sources.delete', { id });
      removeSources([id]);
      if (source) await recheck([source.claimId]);
      if (source)
        push({
          label: 'Remove source',
          action: { kind: 'deleted', records: { article: null, claims: [], sources: [source] } },
        });
    },

    async editArticleText(text) {
      const article = get().wbArticle;
      if (!article) throw new Error('No article is open.');
      const beforeAnchors = anchorsOf(get().claims);
      const beforeClaims = get().claims;
      const detail = await api.call('articles.update', { id: article.id, text });
      await reloadClaims(article.id);
      noteWithdrawn(beforeClaims, get().claims);
      if (detail.article.text !== article.text) {
        push({
          label: 'Edit article text',
          action: {
            kind: 'articleText',
            articleId: article.id,
            beforeText: article.text,
            beforeAnchors,
            afterText: detail.article.text,
          },
        });
      }
      void get().refreshProject();
      return { orphaned: detail.orphanedClaimIds.length, total: beforeAnchors.length };
    },

    async deleteArticleWithClaims(id) {
      const gone = await api.call('workbench.deleteArticle', { id });
      applyDeleted(gone);
      if (get().wbArticleId === id) get().closeArticle();
      push({ label: 'Delete article', action: { kind: 'deleted', records: gone } });
      await get().refreshProject();
      return gone;
    },

    undo: () => runUndo('undo'),
    redo: () => runUndo('redo'),
    clearUndo() {
      set(emptyStacks());
    },

    async loadAuthorName(force = false) {
      const known = get().authorName;
      if (known !== null && !force) return known;
      authorLoad ??= api
        .call('settings.get', {})
        .then((settings) => settings.authorName.trim())
        // Without the settings, "me" is nobody; approving still asks for the name.
        .catch(() => '')
        .then((name) => {
          if (get().authorName !== name) set({ authorName: name });
          return name;
        })
        .finally(() => (authorLoad = null));
      return authorLoad;
    },
    async saveAuthorName(name) {
      const settings = await api.call('settings.update', { authorName: name });
      set({ authorName: settings.authorName.trim() });
    },
    dismissApprovalNotice(claimId) {
      if (get().approvalNotices[claimId]) set({ approvalNotices: without(get().approvalNotices, claimId) });
    },
    dismissStatementOffer() {
      set({ statementOffer: null });
    },

    async keepNewQuote(claimId) {
      const before = get().claims.find((claim) => claim.id === claimId);
      const updated = await api.call('editorial.keepNewQuote', { claimId });
      upsertClaims([updated]);
      if (
        before &&
        before.statement === before.quoteChangedFrom &&
        updated.statement !== updated.anchor.exact
      )
        set({ statementOffer: { claimId, quote: updated.anchor.exact } });
      return updated;
    },

    async startFromEarlier(claimId, target) {
      const before = get().claims.find((claim) => claim.id === claimId);
      const result = await api.call('claimLinks.startFrom', { claimId, target });
      upsertClaims([result.claim]);
      upsertSources(result.sources);
      if (before) noteWithdrawn([before], [result.claim]);
      const parts: SingleAction[] = [];
      const keys = Object.keys(result.before) as (keyof typeof result.before)[];
      if (keys.length > 0)
        parts.push({ kind: 'claimFields', claimId, before: result.before, after: pick(result.claim, keys) });
      if (result.sources.length > 0)
        parts.push({ kind: 'created', records: { article: null, claims: [], sources: result.sources } });
      if (parts.length > 0) push({ label: 'Use as starting point', action: { kind: 'compound', parts } });
      return result;
    },

    async addCorrection(claimId, kind, text) {
      const note = await api.call('editorial.addCorrection', { claimId, kind, text });
      // A correction note is published with the claim: an approved claim goes back to review.
      await recheck([claimId]);
      return note;
    },

    recheckApprovals: (claimIds) => recheck(claimIds),
  };
};
