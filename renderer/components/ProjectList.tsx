import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ProjectSummary } from '../../shared/domain';
import { useAppStore } from '../store';
import { ConfirmDialog } from './ConfirmDialog';
import { countOf, formatDateTime } from '../format/dates';
import { useDateFormat } from '../format/useDateFormat';
import { ReferenceChecksDialog } from '../references/ReferenceChecksDialog';

/** The library: every project, with create, open, rename and delete. */
export function ProjectList() {
  const projects = useAppStore((state) => state.projects);
  const loaded = useAppStore((state) => state.projectsLoaded);
  const loadProjects = useAppStore((state) => state.loadProjects);
  // The "New project" form: opened by the button here, or by File → New project (through the store).
  const [creatingHere, setCreating] = useState(false);
  const newProjectRequested = useAppStore((state) => state.newProjectRequested);
  const newProjectRequestDone = useAppStore((state) => state.newProjectRequestDone);
  const creating = creatingHere || newProjectRequested;
  const closeNewProject = () => {
    setCreating(false);
    newProjectRequestDone();
  };
  const [deleting, setDeleting] = useState<ProjectSummary | null>(null);
  const deleteProject = useAppStore((state) => state.deleteProject);
  const reportError = useAppStore((state) => state.reportError);
  const setOpenDialog = useAppStore((state) => state.setOpenDialog);
  const [referencesOpen, setReferencesOpen] = useState(false);

  useEffect(() => {
    void loadProjects();
  }, [loadProjects]);

  return (
    <main className="library">
      <header className="library-header">
        <h1>Projects</h1>
        <div className="header-actions">
          <button type="button" className="button button-quiet" onClick={() => setOpenDialog('settings')}>
            Settings
          </button>
          <button type="button" className="button" onClick={() => setOpenDialog('search-library')} aria-keyshortcuts="Control+K Meta+K">
            Search library
          </button>
          <button type="button" className="button" onClick={() => setOpenDialog('import-project')}>
            Import project file…
          </button>
          <button type="button" className="button" onClick={() => setReferencesOpen(true)}>
            Reference fact-checks…
          </button>
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New project
          </button>
        </div>
      </header>
      {creating && <NewProjectForm onDone={closeNewProject} />}
      {loaded && projects.length === 0 && !creating && (
        <div className="empty">
          <p>No projects yet.</p>
          <p className="muted">A project holds the articles you check, their claims, and the report you publish.</p>
        </div>
      )}
      <ul className="project-list" aria-label="Projects">
        {projects.map((project) => (
          <ProjectRow key={project.id} project={project} onDelete={() => setDeleting(project)} />
        ))}
      </ul>
      {referencesOpen && <ReferenceChecksDialog onClose={() => setReferencesOpen(false)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.title}”?`}
          confirmLabel="Delete project"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            deleteProject(id).catch(reportError);
          }}
        >
          <p>
            This deletes {deleting.articleCount} article{deleting.articleCount === 1 ? '' : 's'} and {deleting.claimCount} claim
            {deleting.claimCount === 1 ? '' : 's'} with their sources and history. It cannot be undone; export a project file first
            if you may need it.
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
}

function NewProjectForm({ onDone }: { onDone(): void }) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const createProject = useAppStore((state) => state.createProject);
  const navigate = useAppStore((state) => state.navigate);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const id = await createProject(title);
      onDone();
      navigate({ kind: 'project', projectId: id, articleId: null });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The project could not be created.');
    }
  };
  return (
    <form
      className="card new-project"
      onSubmit={submit}
      aria-label="New project"
      onKeyDown={(event) => {
        // Esc drops the new project, as Cancel does.
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onDone();
      }}
    >
      <label className="field">
        <span>Project title</span>
        <input
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'new-project-error' : undefined}
          placeholder="e.g. Kremlin briefing, 21 October"
        />
      </label>
      {error && (
        <p id="new-project-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary">
          Create project
        </button>
      </div>
    </form>
  );
}

function ProjectRow({ project, onDelete }: { project: ProjectSummary; onDelete(): void }) {
  const navigate = useAppStore((state) => state.navigate);
  const renameProject = useAppStore((state) => state.renameProject);
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(project.title);
  const [error, setError] = useState<string | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const refocusRename = useRef(false);
  // Back on the Rename button after a rename is cancelled, so the keyboard user is where they were.
  useEffect(() => {
    if (renaming || !refocusRename.current) return;
    refocusRename.current = false;
    renameButton.current?.focus();
  }, [renaming]);
  /** Cancel (the button or Esc): the old title comes back and the edit is dropped. */
  const cancelRename = () => {
    setTitle(project.title);
    setError(null);
    refocusRename.current = true;
    setRenaming(false);
  };
  useDateFormat();
  const updated = formatDateTime(project.updatedAt);

  if (renaming) {
    return (
      <li className="project-row">
        <form
          className="rename-form"
          aria-label={`Rename ${project.title}`}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.preventDefault();
            event.stopPropagation();
            cancelRename();
          }}
          onSubmit={(event) => {
            event.preventDefault();
            renameProject(project.id, title)
              .then(() => setRenaming(false))
              .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : 'The project could not be renamed.'));
          }}
        >
          <label className="field field-inline">
            <span>New title</span>
            <input value={title} onChange={(event) => setTitle(event.target.value)} autoFocus />
          </label>
          <button type="submit" className="button button-primary">
            Save title
          </button>
          <button type="button" className="button" onClick={cancelRename}>
            Cancel
          </button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      </li>
    );
  }
  return (
    <li className="project-row">
      {/* The button is named by the title alone (the name a person says to open it); the counts
          describe it, and the whole card still opens it (the button's ::after covers the card). */}
      <div className="project-open-area">
        <button
          type="button"
          className="project-open"
          aria-describedby={`project-meta-${project.id}`}
          onClick={() => navigate({ kind: 'project', projectId: project.id, articleId: null })}
        >
          <span className="project-title">{project.title}</span>
        </button>
        <span className="muted" id={`project-meta-${project.id}`}>
          {countOf(project.articleCount, 'article')} · {countOf(project.claimCount, 'claim')} · updated {updated}
        </span>
      </div>
      <div className="row-actions">
        <button
          ref={renameButton}
          type="button"
          className="button button-quiet"
          aria-label={`Rename ${project.title}`}
          onClick={() => {
            setTitle(project.title);
            setRenaming(true);
          }}
        >
          Rename
        </button>
        <button type="button" className="button button-quiet" aria-label={`Delete ${project.title}`} onClick={onDelete}>
          Delete
        </button>
      </div>
    </li>
  );
}
