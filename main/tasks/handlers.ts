import type { TaskHandlers } from '../api/handlerTypes';
import type { HandlerDeps } from '../api/handlers';

/** Handlers of the task channels (shared/api/contract.tasks.ts). */
export function createTaskHandlers(deps: HandlerDeps): TaskHandlers {
  return {
    'tasks.cancel': ({ taskId }) => {
      deps.cancelFlags?.cancel(taskId);
      return null;
    },
  };
}
