import { isSafeLinkUrl, type Article } from '../../shared/domain';
import { DialogButton } from '../components/DialogButton';
import { EditArticleDetailsDialog } from '../components/EditArticleDetailsDialog';
import '../components/editorial.css';
import { formatDate } from '../format/dates';
import { useDateFormat } from '../format/useDateFormat';

/** "Edit details": opens the article details dialog; focus comes back here after it. */
export function EditDetailsButton({ article }: { article: Article }) {
  return (
    <DialogButton label="Edit details" className="button button-small button-quiet">
      {(close) => <EditArticleDetailsDialog article={article} onClose={close} />}
    </DialogButton>
  );
}

/**
 * Outlet · author · date · URL under the article title, with "Edit details" beside them. The URL
 * is a link only when it is safe to open (http, https, mailto).
 */
export function ArticleByline({ article }: { article: Article }) {
  useDateFormat();
  const facts = [article.outlet, article.author, article.publishedDate && formatDate(article.publishedDate)].filter(Boolean);
  return (
    <div className="byline">
      <p className="muted">
        {facts.map((fact, index) => (
          <span key={index}>
            {index > 0 && ' · '}
            <bdi>{fact}</bdi>
          </span>
        ))}
        {article.url && (
          <>
            {facts.length > 0 && ' · '}
            {isSafeLinkUrl(article.url) ? (
              <a className="url byline-link" href={article.url} target="_blank" rel="noopener noreferrer">
                {article.url}
              </a>
            ) : (
              <span className="url">{article.url}</span>
            )}
          </>
        )}
        {facts.length === 0 && !article.url && 'No outlet, author, date or URL yet.'}
      </p>
      <EditDetailsButton article={article} />
    </div>
  );
}
