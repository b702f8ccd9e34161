import { useId } from 'react';
import type { ClaimLink, ClaimLinks } from '../../shared/api/contract.claimLinks';
import { isHttpUrl } from '../../shared/domain';

/** "PolitiFact, 2024-05-02, False": a link as a report prints it (its address follows as a link). */
export const linkSummary = (link: Pick<ClaimLink, 'publisher' | 'date' | 'rating'>) =>
  [link.publisher, link.date, link.rating].map((part) => part.trim()).filter(Boolean).join(', ');

/**
 * The claim's links to earlier checks ("Previously checked", printed in reports), each with Unlink,
 * and the claims elsewhere that link to this one ("Linked from Claim 4 of Project X").
 */
export function PreviouslyChecked({
  links,
  error,
  busy,
  onUnlink,
}: {
  links: ClaimLinks | null;
  /** Why the links could not be read or changed, if so. */
  error: string | null;
  busy: boolean;
  onUnlink(link: ClaimLink): void;
}) {
  const headingId = useId();
  if (!links) {
    return error ? (
      <p className="field-error" role="alert">
        {error}
      </p>
    ) : null;
  }
  if (links.links.length === 0 && links.linkedFrom.length === 0 && !error) return null;
  return (
    <section className="previously-checked" aria-labelledby={headingId}>
      <h3 id={headingId}>Previously checked</h3>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {links.links.length > 0 && (
        <ul className="link-list" aria-label="Earlier checks of this claim">
          {links.links.map((link) => (
            <li key={link.id} className="link-item">
              <span dir="auto">{linkSummary(link) || 'Earlier check'}</span>
              {link.url && isHttpUrl(link.url) && (
                <>
                  {', '}
                  <a href={link.url} target="_blank" rel="noopener noreferrer">
                    {link.url}
                  </a>
                </>
              )}
              {link.statement && (
                <p className="muted link-statement" dir="auto">
                  {link.statement}
                </p>
              )}
              <button
                type="button"
                className="button button-small button-quiet"
                disabled={busy}
                aria-label={`Unlink ${linkSummary(link) || 'earlier check'}`}
                onClick={() => onUnlink(link)}
              >
                Unlink
              </button>
            </li>
          ))}
        </ul>
      )}
      {links.linkedFrom.length > 0 && (
        <ul className="link-list" aria-label="Claims linked to this one">
          {links.linkedFrom.map((from) => (
            <li key={from.linkId} className="muted">
              Linked from Claim {from.number} of {from.projectTitle}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
