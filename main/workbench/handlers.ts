import type { WorkbenchHandlers } from '../api/handlerTypes';
import type { HandlerDeps } from '../api/handlers';

/** Handlers of the workbench channels (shared/api/contract.workbench.ts). */
export function createWorkbenchHandlers(_deps: HandlerDeps): WorkbenchHandlers {
  return {};
}
