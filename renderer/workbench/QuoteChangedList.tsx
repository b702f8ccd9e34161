import { useId, useState } from 'react';
import type { Claim } from '../../shared/domain';
import { useAppStore } from '../store';
import { differingMiddle } from './claimView';

/** The quote with the part that differs from the other version marked. */
function Quote({ text, other, kind }: { text: string; other: string; kind: 'before' | 'after' }) {
  const { prefix, suffix } = kind === 'before' ? differingMiddle(text, other) : differingMiddle(other, text);
  const Mark = kind === 'before' ? 'del' : 'ins';
  return (
    <q className="changed-quote" dir="auto">
      {text.slice(0, prefix)}
      <Mark>{text.slice(prefix, text.length - suffix)}</Mark>
      {text.slice(text.length - suffix)}
    </q>
  );
}

/**
 * Claims whose quote a text edit changed (characters inside it, not just its place): the old and
 * the new quote side by side, to keep the new one or select the quote again. Not a status: the
 * claim keeps its verdict and status meanwhile (an approved one went back to review).
 */
export function QuoteChangedList({
  claims,
  selectedId,
  onSelect,
  onSelectAgain,
}: {
  claims: Claim[];
  selectedId: string | null;
  onSelect(id: string): void;
  onSelectAgain(claim: Claim): void;
}) {
  const keepNewQuote = useAppStore((state) => state.keepNewQuote);
  const reportError = useAppStore((state) => state.reportError);
  const [busy, setBusy] = useState<string | null>(null);
  const headingId = useId();
  if (claims.length === 0) return null;

  const keep = async (claim: Claim) => {
    setBusy(claim.id);
    try {
      await keepNewQuote(claim.id);
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="quote-changed" aria-labelledby={headingId}>
      <div className="quote-changed-head">
        <h3 id={headingId}>Quote changed</h3>
        <span className="quote-changed-count">
          {claims.length} claim{claims.length === 1 ? '' : 's'}
        </span>
      </div>
      <p className="muted">
        A text edit changed words inside these quotes: check that each claim still holds.
      </p>
      <ul>
        {claims.map((claim) => (
          <li key={claim.id}>
            <div
              className={claim.id === selectedId ? 'quote-change quote-change-selected' : 'quote-change'}
              role="group"
              aria-labelledby={`${headingId}-${claim.id}`}
            >
              <button
                type="button"
                className="link-button quote-change-name"
                id={`${headingId}-${claim.id}`}
                onClick={() => onSelect(claim.id)}
              >
                Claim {claim.number}
              </button>
              <div className="quote-pair">
                <div>
                  <span className="quote-pair-label">Before the edit</span>
                  <Quote text={claim.quoteChangedFrom} other={claim.anchor.exact} kind="before" />
                </div>
                <div>
                  <span className="quote-pair-label">Now</span>
                  <Quote text={claim.anchor.exact} other={claim.quoteChangedFrom} kind="after" />
                </div>
              </div>
              <div className="quote-change-actions">
                <button
                  type="button"
                  className="button button-small"
                  disabled={busy === claim.id}
                  onClick={() => void keep(claim)}
                >
                  Keep new quote
                </button>
                <button
                  type="button"
                  className="button button-small button-quiet"
                  onClick={() => onSelectAgain(claim)}
                >
                  Select quote again
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
