import { useEffect, useState } from 'react';
import type { Article } from '../../shared/domain';
import { api } from '../api';
import { useAppStore } from '../store';

/** The reading view of one article: its metadata and its text as paragraphs, in its own direction. */
export function ArticleWorkspace({ articleId }: { articleId: string }) {
  const [article, setArticle] = useState<Article | null>(null);
  const reportError = useAppStore((state) => state.reportError);

  useEffect(() => {
    let live = true;
    api
      .call('articles.get', { id: articleId })
      .then((loaded) => live && setArticle(loaded))
      .catch(reportError);
    return () => {
      live = false;
    };
  }, [articleId, reportError]);

  if (!article) return <div aria-busy="true">Loading article…</div>;
  return (
    <article className="reading" aria-labelledby="article-title">
      <header className="reading-header" dir={article.direction} lang={article.language || undefined}>
        <h2 id="article-title">{article.title}</h2>
        <p className="muted">
          {[article.outlet, article.author, article.publishedDate].filter(Boolean).join(' · ')}
          {article.url && (
            <>
              {' · '}
              <span className="url">{article.url}</span>
            </>
          )}
        </p>
      </header>
      <section className="article-text" aria-label="Article" dir={article.direction} lang={article.language || undefined}>
        {article.text.split('\n\n').map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </section>
    </article>
  );
}
