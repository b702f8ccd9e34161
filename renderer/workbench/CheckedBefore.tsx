import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ClaimLink, ClaimLinks, LinkTarget } from '../../shared/api/contract.claimLinks';
import type { EarlierCheck } from '../../shared/api/contract.matching';
import { CLAIM_STATUS_LABELS, isHttpUrl, type Claim } from '../../shared/domain';
import { api } from '../api';
import { useAppStore } from '../store';
import { NOT_RATED } from './claimView';
import { PreviouslyChecked } from './PreviouslyChecked';

/** Earlier checks listed at most. */
const LIMIT = 5;
/** A statement being typed is asked about once it rests this long. */
const STATEMENT_DEBOUNCE_MS = 600;

type Lookup =
  | { state: 'loading' }
  | { state: 'ready'; items: EarlierCheck[] }
  | { state: 'error'; message: string };

const targetOf = (item: EarlierCheck): LinkTarget =>
  item.kind === 'claim' ? { kind: 'claim', id: item.claimId } : { kind: 'reference', id: item.referenceId };

/** "Claim 7 of Project A" or "PolitiFact: “…”": which item a button acts on. */
export function earlierName(item: EarlierCheck): string {
  if (item.kind === 'claim') return `Claim ${item.number} of ${item.projectTitle}`;
  const text = item.title || item.claimText;
  const short = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return `${item.publisher || item.collectionName}: “${short}”`;
}

const messageOf = (error: unknown, fallback: string) => (error instanceof Error && error.message ? error.message : fallback);

/**
 * "Checked before": the earlier checks most like this claim (library claims of any project and
 * reference fact-checks, from `matching.checkedBefore`), asked as soon as the claim is open and
 * again when its statement changes. "Same claim" links one (published under "Previously checked",
 * listed above the panel); "Use as starting point" copies it into the claim as one undo step.
 */
export function CheckedBefore({ claim }: { claim: Claim }) {
  const startFromEarlier = useAppStore((state) => state.startFromEarlier);
  const recheckApprovals = useAppStore((state) => state.recheckApprovals);
  const revision = useAppStore((state) => state.backgroundRevision);
  // Each answer is kept with the claim it is about, so another claim's never shows here.
  const [lookupOf, setLookupOf] = useState<{ claimId: string; lookup: Lookup } | null>(null);
  const [linksOf, setLinksOf] = useState<{ claimId: string; links: ClaimLinks | null; error: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [shownMessage, setMessage] = useState<{ claimId: string; text: string; alert: boolean } | null>(null);
  const headingId = useId();
  const shownClaim = useRef<string | null>(null);
  const asked = useRef(0);
  const lookup: Lookup = lookupOf?.claimId === claim.id ? lookupOf.lookup : { state: 'loading' };
  const links = linksOf?.claimId === claim.id ? linksOf.links : null;
  const linkError = linksOf?.claimId === claim.id ? linksOf.error : null;
  const message = shownMessage?.claimId === claim.id ? shownMessage : null;

  // Asked at once for a claim just opened; again, debounced, while its statement is being edited.
  useEffect(() => {
    const fresh = shownClaim.current !== claim.id;
    shownClaim.current = claim.id;
    const claimId = claim.id;
    const ask = ++asked.current;
    const timer = setTimeout(
      () => {
        api
          .call('matching.checkedBefore', { claimId, limit: LIMIT })
          .then((answer) => {
            if (asked.current === ask) setLookupOf({ claimId, lookup: { state: 'ready', items: answer.items.slice(0, LIMIT) } });
          })
          .catch((error: unknown) => {
            if (asked.current === ask)
              setLookupOf({ claimId, lookup: { state: 'error', message: messageOf(error, 'Earlier checks could not be looked up.') } });
          });
      },
      fresh ? 0 : STATEMENT_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [claim.id, claim.statement]);

  /** Reads the claim's links; answers a function that keeps them (or why they could not be read). */
  const readLinks = useCallback(async (claimId: string) => {
    try {
      const answer = await api.call('claimLinks.list', { claimId });
      return () => setLinksOf({ claimId, links: answer, error: null });
    } catch (error) {
      const why = messageOf(error, 'The links of this claim could not be read.');
      return () => setLinksOf((known) => ({ claimId, links: known?.claimId === claimId ? known.links : null, error: why }));
    }
  }, []);
  const loadLinks = async () => (await readLinks(claim.id))();

  useEffect(() => {
    let live = true;
    void readLinks(claim.id).then((keep) => {
      if (live) keep();
    });
    return () => {
      live = false;
    };
  }, [readLinks, claim.id, revision]);

  /** Runs a change, shows its failure where the person looks, and keeps the buttons quiet meanwhile. */
  const act = async (what: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await what();
    } catch (error) {
      setMessage({ claimId: claim.id, text: messageOf(error, 'That did not work.'), alert: true });
    } finally {
      setBusy(false);
    }
  };

  const sameClaim = (item: EarlierCheck) =>
    act(async () => {
      await api.call('claimLinks.add', { claimId: claim.id, target: targetOf(item) });
      await loadLinks();
      // A link is published: an approved claim returns to "In review".
      await recheckApprovals([claim.id]);
      setMessage({ claimId: claim.id, text: `Linked: same claim as ${earlierName(item)}.`, alert: false });
    });

  const unlink = (link: ClaimLink) =>
    act(async () => {
      await api.call('claimLinks.remove', { id: link.id });
      await loadLinks();
      await recheckApprovals([claim.id]);
    });

  const startFrom = (item: EarlierCheck) =>
    act(async () => {
      const result = await startFromEarlier(claim.id, targetOf(item));
      const done = `Copied from ${earlierName(item)} (Undo takes it back).`;
      setMessage({ claimId: claim.id, text: [done, ...result.notices].join(' '), alert: false });
    });

  const linked = new Set(links?.links.map((link) => link.targetId) ?? []);

  return (
    <>
      <PreviouslyChecked links={links} error={linkError} busy={busy} onUnlink={(link) => void unlink(link)} />
      <section className="checked-before" aria-labelledby={headingId}>
        <h3 id={headingId}>Checked before</h3>
        {message && (
          <p className={message.alert ? 'field-error' : 'muted'} role={message.alert ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        {lookup.state === 'loading' ? (
          <p className="muted" role="status">
            Looking for earlier checks…
          </p>
        ) : lookup.state === 'error' ? (
          <p className="field-error" role="alert">
            {lookup.message}
          </p>
        ) : lookup.items.length === 0 ? (
          <p className="muted">No earlier checks found.</p>
        ) : (
          <ul className="earlier-checks" aria-label="Earlier checks">
            {lookup.items.map((item) => {
              const name = earlierName(item);
              const isLinked = linked.has(item.kind === 'claim' ? item.claimId : item.referenceId);
              return (
                <li key={`${item.kind}:${item.kind === 'claim' ? item.claimId : item.referenceId}`} className="earlier-check">
                  {item.kind === 'claim' ? <EarlierClaimView item={item} /> : <EarlierReferenceView item={item} />}
                  {item.why.length > 0 && <p className="muted earlier-why">Shared: {item.why.join(', ')}</p>}
                  <div className="earlier-actions">
                    <button
                      type="button"
                      className="button button-small"
                      disabled={busy || isLinked}
                      aria-label={isLinked ? `Linked as the same claim: ${name}` : `Same claim as ${name}`}
                      onClick={() => void sameClaim(item)}
                    >
                      {isLinked ? 'Linked' : 'Same claim'}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      disabled={busy}
                      aria-label={`Use ${name} as starting point`}
                      onClick={() => void startFrom(item)}
                    >
                      Use as starting point
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

function EarlierClaimView({ item }: { item: Extract<EarlierCheck, { kind: 'claim' }> }) {
  return (
    <>
      <p className="earlier-head">
        <span dir="auto">{item.projectTitle}</span> · Claim {item.number}
      </p>
      <p className="earlier-statement" dir="auto">
        {item.statement}
      </p>
      <p className="earlier-meta">
        <span className="verdict-chip" style={{ '--chip': item.verdict?.color ?? NOT_RATED.colour } as React.CSSProperties}>
          {item.verdict?.label ?? NOT_RATED.label}
        </span>{' '}
        <span className="muted">{CLAIM_STATUS_LABELS[item.status]}</span>
      </p>
    </>
  );
}

function EarlierReferenceView({ item }: { item: Extract<EarlierCheck, { kind: 'reference' }> }) {
  const head = [item.publisher || item.collectionName, item.rating, item.reviewDate.slice(0, 10)].filter(Boolean);
  return (
    <>
      <p className="earlier-head" dir="auto">
        {head.join(' · ')}
      </p>
      <p className="earlier-statement" dir="auto">
        {item.claimText || item.title}
      </p>
      {item.url && isHttpUrl(item.url) && (
        <p className="earlier-meta">
          <a href={item.url} target="_blank" rel="noopener noreferrer">
            {item.title || item.url}
          </a>
        </p>
      )}
    </>
  );
}
