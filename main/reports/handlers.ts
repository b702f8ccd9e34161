import { createHash } from 'node:crypto';
import path from 'node:path';
import { renderModelHtml } from '../../shared/report/html';
import { buildReportModel } from '../../shared/report/model';
import { REPORT_FORMAT_INFO, resolveReportOptions } from '../../shared/report/options';
import type { ReportHandlers } from '../api/handlerTypes';
import type { HandlerDeps } from '../api/handlers';
import { readSettings } from '../repositories/settings';
import { writeFileAtomic } from '../files/atomicWrite';
import { withExtension } from '../files/fileNames';
import { runTask } from '../tasks/tasks';
import { loadReportData, renderReport, reportFileName } from './exportReport';

/** Handlers of the report channels (shared/api/contract.reports.ts). */
export function createReportHandlers(deps: HandlerDeps): ReportHandlers {
  const { ctx, dialogs, printer, exports } = deps;
  const taskDeps = { events: deps.events, cancelFlags: deps.cancelFlags };
  return {
    'reports.preview': ({ projectId, options }) => {
      const data = loadReportData(ctx, projectId);
      const model = buildReportModel(data, readSettings(ctx), resolveReportOptions(options), new Date());
      return { html: renderModelHtml(model), language: model.language };
    },

    'reports.export': async ({ projectId, options, format, taskId }) => {
      // Read first: a deleted project answers "not found" before any dialog opens.
      const screenshots = format === 'html' && resolveReportOptions(options).includeScreenshots ? path.dirname(deps.dataPath) : undefined;
      const data = loadReportData(ctx, projectId, screenshots);
      const settings = readSettings(ctx);
      const info = REPORT_FORMAT_INFO[format];
      const chosen = await dialogs.chooseSavePath({
        title: 'Export report',
        defaultName: reportFileName(data.project.title, format),
        filters: [{ name: info.label, extensions: [info.extension] }],
      });
      if (chosen === null) return null;
      const filePath = withExtension(chosen, info.extension);
      const rendered = await runTask(taskDeps, taskId, 'The export was cancelled. No file was written.', async (task) => {
        const report = await renderReport(data, settings, options, format, printer, new Date(), task);
        // The last point a cancel stops it: after the rename the file is there, whole.
        task.stage('Writing the file');
        task.check();
        writeFileAtomic(filePath, report.bytes, { what: 'report' });
        task.finish();
        return report;
      });
      // Remembered so "Mark as published" can record these exact bytes and claims.
      const exportId = ctx.newId();
      exports?.remember({
        id: exportId,
        projectId,
        format,
        fileName: path.basename(filePath),
        sha256: createHash('sha256').update(rendered.bytes).digest('hex'),
        // The claims in this file (a ClaimReview file holds only the approved, rated ones).
        claimIds: rendered.claimIds,
        exportedAt: ctx.now(),
      });
      return { path: filePath, exportId };
    },
  };
}
