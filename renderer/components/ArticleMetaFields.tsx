import type { ReactNode } from 'react';
import type { ArticleMeta } from '../../shared/domain';
import { calendarDateProblem } from '../../shared/domain/calendar';
import { ARTICLE_LANGUAGES } from './articleLanguages';
import { TextField } from './TextField';
import './editorial.css';

type MetaField = keyof ArticleMeta;

interface ArticleMetaFieldsProps {
  meta: ArticleMeta;
  errors: Partial<Record<MetaField, string | undefined>>;
  /** The change handler of one field. */
  update(field: MetaField): (value: string) => void;
  /**
   * 'column': one field a line (beside the pasted text of "Add article"); 'rows': the short fields
   * side by side (outlet and author; date, language and direction), as in "Edit article details".
   */
  layout: 'column' | 'rows';
}

/**
 * An article's metadata fields: title, outlet, author, URL, published date, language (the offered
 * ones, and any other code the article has) and text direction. The caller keeps the draft and
 * its errors.
 */
export function ArticleMetaFields({ meta, errors, update, layout }: ArticleMetaFieldsProps) {
  const row = (className: string, children: ReactNode) =>
    layout === 'rows' ? <div className={className}>{children}</div> : children;
  return (
    <>
      <TextField label="Title" value={meta.title} onChange={update('title')} error={errors.title} required />
      {row(
        'details-row',
        <>
          <TextField label="Outlet" value={meta.outlet} onChange={update('outlet')} error={errors.outlet} />
          <TextField label="Author" value={meta.author} onChange={update('author')} error={errors.author} />
        </>,
      )}
      <TextField
        label="URL"
        value={meta.url}
        onChange={update('url')}
        error={errors.url}
        type="url"
        placeholder="https://"
      />
      {row(
        'details-row details-row-3',
        <>
          <TextField
            label="Published"
            value={meta.publishedDate}
            onChange={update('publishedDate')}
            // An impossible date is named as it is typed, not only when the form is sent.
            error={errors.publishedDate ?? calendarDateProblem(meta.publishedDate, { notInFuture: true }) ?? undefined}
            type="date"
          />
          <label className="field">
            <span>Language</span>
            <select value={meta.language} onChange={(event) => update('language')(event.target.value)}>
              {ARTICLE_LANGUAGES.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
              {!ARTICLE_LANGUAGES.some(([code]) => code === meta.language) && (
                <option value={meta.language}>{meta.language}</option>
              )}
            </select>
            {errors.language && (
              <span className="field-error" role="alert">
                {errors.language}
              </span>
            )}
          </label>
          <label className="field">
            <span>Text direction</span>
            <select value={meta.direction} onChange={(event) => update('direction')(event.target.value)}>
              <option value="ltr">Left to right</option>
              <option value="rtl">Right to left</option>
            </select>
          </label>
        </>,
      )}
    </>
  );
}
