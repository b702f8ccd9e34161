/**
 * Where the workbench's single-key shortcuts (J, K, M, 0–9, E, /, ?, Delete, Escape) may act: only
 * while focus is in the article (its reading view) or in the claims list, never inside the claim
 * editor, a dialog or a field, and never on a key held down (auto-repeat). One pure decision, so
 * that a stray click on a blank spot of the editor followed by typing "2024" cannot change a
 * verdict four times. Modifier shortcuts (Ctrl+Z) have rules of their own in useShortcuts.ts.
 *
 * The regions are marked in the DOM with SCOPE_ATTRIBUTE (ArticleWorkspace sets it on the reading
 * column, the top of the claims panel and the editor's container, each focusable with tabIndex -1 so
 * that a click on a blank spot inside puts focus there rather than on the page).
 */

/** The reading view's text body: keys there are commands, since it cannot be typed into. */
export const ARTICLE_BODY_ATTRIBUTE = 'data-wb-article';
/** Marks a region of the workbench for shortcuts: "reading", "claims" or "editor". */
export const SCOPE_ATTRIBUTE = 'data-wb-keys';

export type ShortcutRegion = 'reading' | 'claims' | 'editor';

export type ShortcutDecision =
  | { allowed: true; region: 'reading' | 'claims' }
  | {
      allowed: false;
      /**
       * repeat: a key held down; dialog: a dialog is open or has focus; editor: focus is in the claim
       * editor; field: focus is in something typed into (a field, a select, editable content);
       * control: focus is on a button or link outside the claims list; outside: focus is on nothing of the workbench (the page, the header, the status line).
       */
      reason: 'repeat' | 'dialog' | 'editor' | 'field' | 'control' | 'outside';
    };

export interface ShortcutFacts {
  /** Where the key arrived: the keydown's target (the focused element, or the body). */
  target: EventTarget | null;
  /** The keydown's `repeat`: true for the auto-repeats of a key held down. */
  repeat: boolean;
  /** A modal dialog is open somewhere (the page behind it is inert): `modalOpen()`. */
  dialogOpen: boolean;
}

const DIALOG_SELECTOR = 'dialog, [role="dialog"], [role="alertdialog"]';
/** Widgets that take typed characters: text-like inputs are handled apart (by their type). */
const TYPED_ROLES = ['textbox', 'searchbox', 'combobox', 'spinbutton', 'listbox', 'slider']
  .map((role) => `[role="${role}"]`)
  .join(', ');
/** Input types that take no typed text (a key press there is no character in a field). */
const UNTYPED_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'image', 'color', 'file']);
const CONTROL_SELECTOR =
  'button, a[href], summary, input, select, textarea, [role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="menuitem"], [role="option"]';

/** A modal dialog is open (every <dialog> of the app is shown modally): the page behind takes no shortcuts. */
export function modalOpen(doc: Document = document): boolean {
  return doc.querySelector('dialog[open], [aria-modal="true"]') !== null;
}

/** Editable content (contenteditable), also where `isContentEditable` is not implemented (jsdom). */
function isEditable(element: Element): boolean {
  const html = element as HTMLElement;
  if (typeof html.isContentEditable === 'boolean') return html.isContentEditable;
  const host = element.closest('[contenteditable]');
  if (!host) return false;
  const value = host.getAttribute('contenteditable')!.toLowerCase();
  return value === '' || value === 'true' || value === 'plaintext-only';
}

/** Keys typed at `element` are text: a text field, a select's type-ahead, an editable element. */
function takesText(element: Element): boolean {
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return !UNTYPED_INPUTS.has(((element as HTMLInputElement).type || 'text').toLowerCase());
  return element.closest(TYPED_ROLES) !== null || isEditable(element);
}

/**
 * May a single-key shortcut act on this key press? Allowed only in the article's text body or
 * elsewhere in the reading column (not on its buttons), or anywhere in the claims list (its buttons
 * are the list's items) except its fields; refused on a repeat, with a dialog open or focused, in the
 * claim editor, in any field, and when focus is on nothing of the workbench.
 */
export function decideShortcut({ target, repeat, dialogOpen }: ShortcutFacts): ShortcutDecision {
  if (repeat) return { allowed: false, reason: 'repeat' };
  if (dialogOpen) return { allowed: false, reason: 'dialog' };
  const element = asElement(target);
  if (!element || element === element.ownerDocument.body || element === element.ownerDocument.documentElement)
    return { allowed: false, reason: 'outside' };
  if (element.closest(DIALOG_SELECTOR)) return { allowed: false, reason: 'dialog' };
  // The article's text is a read-only contenteditable: there, keys are commands.
  if (element.closest(`[${ARTICLE_BODY_ATTRIBUTE}]`)) return { allowed: true, region: 'reading' };
  const region = element.closest(`[${SCOPE_ATTRIBUTE}]`)?.getAttribute(SCOPE_ATTRIBUTE) as
    | ShortcutRegion
    | null
    | undefined;
  if (region === 'editor') return { allowed: false, reason: 'editor' };
  if (takesText(element)) return { allowed: false, reason: 'field' };
  // The claims list's items are buttons: the list is where J, K and the verdict keys belong.
  if (region === 'claims') return { allowed: true, region: 'claims' };
  if (element.closest(CONTROL_SELECTOR)) return { allowed: false, reason: 'control' };
  if (region === 'reading') return { allowed: true, region: 'reading' };
  return { allowed: false, reason: 'outside' };
}

function asElement(target: EventTarget | null): Element | null {
  if (!target || typeof (target as Node).nodeType !== 'number') return null;
  const node = target as Node;
  if (node.nodeType === 1) return node as Element;
  return node.parentElement;
}
