/** The rationale's formatting lives in shared/ so the reports use the same parser as the workbench. */
export {
  applyFormat,
  parseInline,
  parseRationale,
  type Block,
  type Inline,
} from '../../shared/text/rationaleFormat';
