import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { routeFromHash } from '../router';
import { useAppStore } from '../store';
import { watchLibraryChanges } from '../store/libraryEvents';
import { FatalError } from './FatalError';
import { Notices } from './Notices';
import { ProjectList } from './ProjectList';
import { ProjectView } from './ProjectView';
import { AboutDialog } from './AboutDialog';
import { SettingsDialog } from './SettingsDialog';
import { ExportReportDialog } from '../reports/ExportReportDialog';
import { ImportProjectDialog } from '../projectFiles/ImportProjectDialog';
import { RestoreBackupDialog } from '../projectFiles/RestoreBackupDialog';
import { exportProjectFile } from '../projectFiles/exportProjectFile';
import { SearchLibraryDialog } from '../search/SearchLibraryDialog';
import { isSearchShortcut } from '../search/searchShortcut';

export function App() {
  const route = useAppStore((state) => state.route);
  const fatalError = useAppStore((state) => state.fatalError);
  const openDialog = useAppStore((state) => state.openDialog);
  const importPath = useAppStore((state) => state.importPath);
  const setOpenDialog = useAppStore((state) => state.setOpenDialog);
  const [ready, setReady] = useState(false);
  const closeDialog = useCallback(() => setOpenDialog(null), [setOpenDialog]);

  useEffect(() => {
    const store = useAppStore.getState();
    store.navigate(routeFromHash(window.location.hash));
    const onHashChange = () => useAppStore.setState({ route: routeFromHash(window.location.hash) });
    window.addEventListener('hashchange', onHashChange);
    // The first call tells whether the library can be used at all.
    api
      .call('app.info', {})
      .catch((error: unknown) => store.reportError(error))
      .finally(() => setReady(true));
    const offMenu = api.on('menu.command', ({ command }) => {
      const state = useAppStore.getState();
      if (command === 'new-project') state.requestNewProject();
      else if (command === 'settings') state.setOpenDialog('settings');
      else if (command === 'about') state.setOpenDialog('about');
      else if (command === 'import-project') state.setOpenDialog('import-project');
      else if (command === 'export-report' || command === 'export-project') {
        const projectId = state.route.kind === 'project' ? state.route.projectId : null;
        if (!projectId) state.notify('info', 'Open a project first.');
        else if (command === 'export-report') state.setOpenDialog('export-report');
        else void exportProjectFile(projectId);
      }
    });
    // Ctrl+K / Cmd+K: "Search library", from anywhere but another dialog.
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      useAppStore.getState().setOpenDialog('search-library');
    };
    document.addEventListener('keydown', onKeyDown);
    const offFile = api.on('projectFile.open', ({ path }) => useAppStore.getState().openProjectFile(path));
    // Imports, merges and restores change the library behind the window: what it shows follows.
    const offLibrary = watchLibraryChanges();
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      document.removeEventListener('keydown', onKeyDown);
      offMenu();
      offFile();
      offLibrary();
    };
  }, []);

  if (fatalError) return <FatalError message={fatalError} />;
  if (!ready) return null;
  return (
    <div className="app">
      {route.kind === 'library' ? <ProjectList /> : <ProjectView projectId={route.projectId} articleId={route.articleId} />}
      {openDialog === 'settings' && <SettingsDialog onClose={() => setOpenDialog(null)} />}
      {openDialog === 'about' && <AboutDialog onClose={() => setOpenDialog(null)} />}
      {openDialog === 'import-project' && <ImportProjectDialog path={importPath} onClose={closeDialog} />}
      {openDialog === 'export-report' && route.kind === 'project' && <ExportReportDialog projectId={route.projectId} onClose={closeDialog} />}
      {openDialog === 'restore-backup' && route.kind === 'project' && <RestoreBackupDialog projectId={route.projectId} onClose={closeDialog} />}
      {openDialog === 'search-library' && <SearchLibraryDialog onClose={closeDialog} />}
      <Notices />
    </div>
  );
}
