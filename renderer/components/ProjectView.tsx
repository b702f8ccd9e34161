import { useEffect, useState } from 'react';
import { CLAIM_STATUS_LABELS, type ClaimStatus } from '../../shared/domain';
import { useAppStore } from '../store';
import { ArticleWorkspace } from '../workbench/ArticleWorkspace';
import { AddArticleForm } from './AddArticleForm';

/** One project: its articles on the left, the open article (or the add-article form) beside. */
export function ProjectView({ projectId, articleId }: { projectId: string; articleId: string | null }) {
  const current = useAppStore((state) => state.current);
  const openProject = useAppStore((state) => state.openProject);
  const navigate = useAppStore((state) => state.navigate);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    void openProject(projectId);
  }, [projectId, openProject]);

  if (!current || current.project.id !== projectId) {
    return (
      <main className="project-loading" aria-busy="true">
        Opening project…
      </main>
    );
  }
  const { project, articles, progress } = current;
  const showForm = adding || articles.length === 0;
  const selected = articles.find((article) => article.id === articleId) ?? null;

  return (
    <div className="project">
      <header className="project-header">
        <button type="button" className="button button-quiet" onClick={() => navigate({ kind: 'library' })}>
          ← All projects
        </button>
        <h1 className="project-name">{project.title}</h1>
        <dl className="progress" aria-label="Progress">
          {(Object.keys(CLAIM_STATUS_LABELS) as ClaimStatus[]).map((status) => (
            <div key={status} className={`progress-item progress-${status}`}>
              <dt>{CLAIM_STATUS_LABELS[status]}</dt>
              <dd>{progress[status]}</dd>
            </div>
          ))}
        </dl>
      </header>
      <div className="project-body">
        <nav className="article-nav" aria-label="Articles">
          <div className="article-nav-head">
            <h2>Articles</h2>
            <button type="button" className="button button-primary button-small" onClick={() => setAdding(true)}>
              Add article
            </button>
          </div>
          <ul>
            {articles.map((article) => (
              <li key={article.id}>
                <button
                  type="button"
                  className="article-link"
                  aria-current={article.id === selected?.id && !showForm ? 'page' : undefined}
                  onClick={() => {
                    setAdding(false);
                    navigate({ kind: 'project', projectId, articleId: article.id });
                  }}
                >
                  <span className="article-link-title" dir="auto">
                    {article.title}
                  </span>
                  <span className="muted">
                    {[article.outlet, article.publishedDate].filter(Boolean).join(' · ') || 'No outlet'} · {article.claimCount} claim
                    {article.claimCount === 1 ? '' : 's'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="project-main">
          {showForm ? (
            <AddArticleForm
              projectId={projectId}
              onDone={(id) => {
                setAdding(false);
                if (id) navigate({ kind: 'project', projectId, articleId: id });
              }}
            />
          ) : selected ? (
            <ArticleWorkspace key={selected.id} articleId={selected.id} />
          ) : (
            <div className="empty">
              <p>Choose an article on the left, or add one.</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
