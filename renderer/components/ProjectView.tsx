import { useEffect, useState, type MouseEvent } from 'react';
import { CLAIM_STATUS_LABELS, type ClaimStatus } from '../../shared/domain';
import { useAppStore } from '../store';
import { ArticleWorkspace } from '../workbench/ArticleWorkspace';
import { ScaleEditor } from '../workbench/ScaleEditor';
import { useUndoShortcuts } from '../workbench/useShortcuts';
import { AddArticleForm } from './AddArticleForm';
import { ProjectActions } from './ProjectActions';
import { ProjectDetailsDialog } from './ProjectDetailsDialog';
import { PublicationLog } from './PublicationLog';
import { DialogButton } from './DialogButton';
import { countOf, formatDate } from '../format/dates';
import { useDateFormat } from '../format/useDateFormat';
import './editorial.css';

/** Moves focus to the open article's text, or to the main area when no article is open. */
function skipToArticle(event: MouseEvent<HTMLAnchorElement>) {
  // The route lives in the hash: following the link's href would navigate away.
  event.preventDefault();
  const target =
    document.querySelector<HTMLElement>('[data-wb-article]') ?? document.getElementById('project-main');
  target?.focus();
  target?.scrollIntoView({ block: 'nearest' });
}

/** One project: its articles on the left, the open article (or the add-article form) beside. */
export function ProjectView({ projectId, articleId }: { projectId: string; articleId: string | null }) {
  const current = useAppStore((state) => state.current);
  const openProject = useAppStore((state) => state.openProject);
  const navigate = useAppStore((state) => state.navigate);
  const [adding, setAdding] = useState(false);
  const [scaleOpen, setScaleOpen] = useState(false);
  const undo = useAppStore((state) => state.undo);
  const redo = useAppStore((state) => state.redo);
  const clearUndo = useAppStore((state) => state.clearUndo);
  const nextUndo = useAppStore((state) => state.undoStack[state.undoStack.length - 1]?.label);
  const nextRedo = useAppStore((state) => state.redoStack[state.redoStack.length - 1]?.label);
  useDateFormat();

  useEffect(() => {
    void openProject(projectId);
    // Undo and redo are per project: another project starts with empty stacks.
    return () => clearUndo();
  }, [projectId, openProject, clearUndo]);
  useUndoShortcuts(
    () => void undo(),
    () => void redo(),
  );

  if (!current || current.project.id !== projectId) {
    return (
      <main className="project-loading" aria-busy="true">
        Opening project…
      </main>
    );
  }
  const { project, articles, progress } = current;
  const showForm = adding || articles.length === 0;
  // A project of one article opens it: there is nothing to choose.
  const selected =
    articles.find((article) => article.id === articleId) ?? (articles.length === 1 && !adding ? articles[0]! : null);

  return (
    <div className="project">
      {/* The first stop of Tab: straight to the article text, past the toolbar and the article list. */}
      <a className="skip-link" href="#article-text" onClick={skipToArticle}>
        Skip to article
      </a>
      <header className="project-header">
        <button type="button" className="button button-quiet" onClick={() => navigate({ kind: 'library' })}>
          ← All projects
        </button>
        <div className="project-heading">
          <h1 className="project-name">{project.title}</h1>
          {(project.description || project.secondPairOfEyes) && (
            <p className="project-description">
              {project.secondPairOfEyes && (
                <span className="pill" title="The approver must not be the last person who changed the verdict.">
                  Second pair of eyes
                </span>
              )}
              {project.description && (
                <span className="project-description-text" dir="auto" title={project.description}>
                  {project.description}
                </span>
              )}
            </p>
          )}
        </div>
        <div className="project-tools">
          <button
            type="button"
            className="button button-small"
            onClick={() => void undo()}
            disabled={!nextUndo}
            title={nextUndo ? `Undo ${nextUndo} (Ctrl+Z)` : 'Nothing to undo'}
            aria-keyshortcuts="Control+Z"
          >
            Undo
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => void redo()}
            disabled={!nextRedo}
            title={nextRedo ? `Redo ${nextRedo} (Shift+Ctrl+Z)` : 'Nothing to redo'}
            aria-keyshortcuts="Control+Shift+Z"
          >
            Redo
          </button>
          <button type="button" className="button button-small" onClick={() => setScaleOpen(true)}>
            Verdict scale
          </button>
          <DialogButton label="Project details">
            {(close) => <ProjectDetailsDialog project={project} onClose={close} />}
          </DialogButton>
          <DialogButton label="Publications">{(close) => <PublicationLog onClose={close} />}</DialogButton>
        </div>
      </header>
      <div className="project-subbar">
        <dl className="progress" aria-label="Progress">
          {(Object.keys(CLAIM_STATUS_LABELS) as ClaimStatus[]).map((status) => (
            <div key={status} className={`progress-item progress-${status}`}>
              <dt>{CLAIM_STATUS_LABELS[status]}</dt>
              <dd>{progress[status]}</dd>
            </div>
          ))}
        </dl>
        <ProjectActions projectId={projectId} />
      </div>
      <div className="project-body">
        <nav className="article-nav" aria-label="Articles">
          <div className="article-nav-head">
            <h2>Articles</h2>
            <button
              type="button"
              className="button button-primary button-small"
              onClick={() => setAdding(true)}
            >
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
                    {article.outlet ? <bdi>{article.outlet}</bdi> : 'No outlet'}
                    {article.publishedDate && ` · ${formatDate(article.publishedDate)}`} · {countOf(article.claimCount, 'claim')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="project-main" id="project-main" tabIndex={-1}>
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
      {scaleOpen && <ScaleEditor projectId={projectId} onClose={() => setScaleOpen(false)} />}
    </div>
  );
}
