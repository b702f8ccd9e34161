// @vitest-environment jsdom
/**
 * Keyboard safety (issue 9): single-key shortcuts act only in the article and the claims list,
 * never in the claim editor, a dialog or a field, never on a key held down; and the notice a
 * verdict shortcut leaves.
 */
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decideShortcut, modalOpen, type ShortcutFacts } from '../../../renderer/workbench/shortcutScope';
import { useShortcuts } from '../../../renderer/workbench/useShortcuts';
import {
  isUndoStepOf,
  verdictChange,
  verdictChangeText,
  verdictUndoneText,
} from '../../../renderer/workbench/verdictNotice';
import type { UndoEntry } from '../../../renderer/workbench/undoStack';
import { claim } from './fixtures';

/** The workbench's regions as ArticleWorkspace marks them, with what lives in each. */
const WORKBENCH = `
  <header><button id="app-undo">Undo</button><h1 id="app-title">Project</h1></header>
  <div class="workbench">
    <div class="workbench-reading" data-wb-keys="reading" tabindex="-1">
      <h2 id="article-title">Peskov: cooperation</h2>
      <button id="edit-text">Edit text</button>
      <div id="body" contenteditable role="textbox" aria-readonly="true" data-wb-article="">
        <p><span id="segment">date 2024</span><mark id="mark" data-c="c1">MOSCOW</mark></p>
      </div>
      <div role="toolbar"><button id="mark-claim">Mark claim</button></div>
    </div>
    <div class="wb-statusbar"><span role="status" id="status">Claim 1: …</span><button id="notice-undo">Undo</button></div>
    <aside>
      <div class="claims-top" data-wb-keys="claims" tabindex="-1">
        <h2 id="claims-heading">Claims</h2>
        <input id="filter" type="search" />
        <select id="filter-verdict"><option>Any</option></select>
        <ul class="claim-list"><li><button id="item" data-claim-id="c1"><span id="item-text">Claim 1:</span></button></li></ul>
      </div>
      <div class="claims-editor" data-wb-keys="editor" tabindex="-1">
        <section class="claim-editor">
          <header><h2 id="editor-heading">Claim 1</h2><button id="delete-claim">Delete claim</button></header>
          <select id="verdict"><option>False</option></select>
          <textarea id="rationale"></textarea>
          <fieldset id="source"><legend>Source 1</legend><input id="source-url" type="url" /></fieldset>
        </section>
      </div>
    </aside>
  </div>
  <div id="editable" contenteditable="true"><b id="editable-child">text</b><span contenteditable="false" id="not-editable">x</span></div>
  <input id="loose-checkbox" type="checkbox" />
  <div role="dialog" id="popover"><button id="popover-button">OK</button></div>
`;

const at = (id: string) => document.getElementById(id);
const facts = (target: EventTarget | null, extra: Partial<ShortcutFacts> = {}): ShortcutFacts => ({
  target,
  repeat: false,
  dialogOpen: false,
  ...extra,
});

beforeEach(() => {
  document.body.innerHTML = WORKBENCH;
});
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('decideShortcut', () => {
  it('acts in the article text, even though it is contenteditable, and in the rest of the reading column', () => {
    expect(decideShortcut(facts(at('body')))).toEqual({ allowed: true, region: 'reading' });
    expect(decideShortcut(facts(at('mark')))).toEqual({ allowed: true, region: 'reading' });
    // A text node (a selection's focus) counts as its element.
    expect(decideShortcut(facts(at('segment')!.firstChild))).toEqual({ allowed: true, region: 'reading' });
    // A click on the article's title focuses the reading column.
    expect(decideShortcut(facts(at('article-title')))).toEqual({ allowed: true, region: 'reading' });
  });

  it('acts in the claims list: its items (buttons) and blank spots of the list', () => {
    expect(decideShortcut(facts(at('item')))).toEqual({ allowed: true, region: 'claims' });
    expect(decideShortcut(facts(at('item-text')))).toEqual({ allowed: true, region: 'claims' });
    expect(decideShortcut(facts(document.querySelector('.claims-top')))).toEqual({ allowed: true, region: 'claims' });
    expect(decideShortcut(facts(at('claims-heading')))).toEqual({ allowed: true, region: 'claims' });
  });

  it('never acts anywhere in the claim editor: blank spots, its heading, a source box, its fields and buttons', () => {
    for (const id of ['editor-heading', 'source', 'verdict', 'rationale', 'source-url', 'delete-claim']) {
      expect(decideShortcut(facts(at(id))), id).toEqual({ allowed: false, reason: 'editor' });
    }
    // A click on a blank spot of the editor focuses its container.
    expect(decideShortcut(facts(document.querySelector('.claims-editor')))).toEqual({
      allowed: false,
      reason: 'editor',
    });
  });

  it('never acts in a field: the filters of the claims list, inputs, selects, editable content', () => {
    expect(decideShortcut(facts(at('filter')))).toEqual({ allowed: false, reason: 'field' });
    expect(decideShortcut(facts(at('filter-verdict')))).toEqual({ allowed: false, reason: 'field' });
    expect(decideShortcut(facts(at('editable')))).toEqual({ allowed: false, reason: 'field' });
    expect(decideShortcut(facts(at('editable-child')))).toEqual({ allowed: false, reason: 'field' });
    // contenteditable="false" inside editable content is not typed into.
    expect(decideShortcut(facts(at('not-editable')))).toEqual({ allowed: false, reason: 'outside' });
  });

  it('buttons and controls outside the claims list do not take shortcuts', () => {
    for (const id of ['edit-text', 'mark-claim', 'notice-undo', 'app-undo', 'loose-checkbox']) {
      expect(decideShortcut(facts(at(id))), id).toEqual({ allowed: false, reason: 'control' });
    }
  });

  it('never acts in a dialog, or with a modal dialog open, wherever focus is', () => {
    expect(decideShortcut(facts(at('popover-button')))).toEqual({ allowed: false, reason: 'dialog' });
    expect(decideShortcut(facts(at('popover')))).toEqual({ allowed: false, reason: 'dialog' });
    expect(decideShortcut(facts(at('body'), { dialogOpen: true }))).toEqual({ allowed: false, reason: 'dialog' });
    expect(decideShortcut(facts(at('item'), { dialogOpen: true }))).toEqual({ allowed: false, reason: 'dialog' });
  });

  it('never acts on a key held down (auto-repeat), even in the article or the list', () => {
    expect(decideShortcut(facts(at('body'), { repeat: true }))).toEqual({ allowed: false, reason: 'repeat' });
    expect(decideShortcut(facts(at('item'), { repeat: true }))).toEqual({ allowed: false, reason: 'repeat' });
  });

  it('focus on nothing of the workbench (the page, its header, the status line) is outside', () => {
    expect(decideShortcut(facts(document.body))).toEqual({ allowed: false, reason: 'outside' });
    expect(decideShortcut(facts(document.documentElement))).toEqual({ allowed: false, reason: 'outside' });
    expect(decideShortcut(facts(null))).toEqual({ allowed: false, reason: 'outside' });
    expect(decideShortcut(facts(window))).toEqual({ allowed: false, reason: 'outside' });
    expect(decideShortcut(facts(at('app-title')))).toEqual({ allowed: false, reason: 'outside' });
    expect(decideShortcut(facts(at('status')))).toEqual({ allowed: false, reason: 'outside' });
  });
});

describe('modalOpen', () => {
  it('is true while a <dialog> is open or an element is aria-modal', () => {
    expect(modalOpen()).toBe(false);
    const dialog = document.createElement('dialog');
    document.body.append(dialog);
    expect(modalOpen()).toBe(false);
    dialog.setAttribute('open', '');
    expect(modalOpen()).toBe(true);
    dialog.remove();
    at('popover')!.setAttribute('aria-modal', 'true');
    expect(modalOpen()).toBe(true);
  });
});

describe('useShortcuts', () => {
  const press = (target: Element, key: string, init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    return event;
  };

  it('runs a shortcut in the list, never in the editor or on a repeat, and reports what it refused', () => {
    const verdict = vi.fn();
    const refused = vi.fn();
    renderHook(() => useShortcuts({ '2': verdict }, true, refused));

    expect(press(at('item')!, '2').defaultPrevented).toBe(true);
    expect(verdict).toHaveBeenCalledTimes(1);

    // "2024" typed after a click on the editor's heading: nothing happens, and the keys are not eaten.
    for (const key of '2024') expect(press(document.querySelector('.claims-editor')!, key).defaultPrevented).toBe(false);
    expect(verdict).toHaveBeenCalledTimes(1);
    expect(refused).toHaveBeenLastCalledWith(expect.any(KeyboardEvent), { allowed: false, reason: 'editor' });

    // Held down in the list: the first press acts, the repeats do not.
    press(at('item')!, '2');
    for (let i = 0; i < 5; i++) press(at('item')!, '2', { repeat: true });
    expect(verdict).toHaveBeenCalledTimes(2);
    expect(refused).toHaveBeenLastCalledWith(expect.any(KeyboardEvent), { allowed: false, reason: 'repeat' });

    // Keys that are no shortcut are not reported; modifier combinations are not single-key shortcuts.
    refused.mockClear();
    press(document.body, 'x');
    press(at('item')!, '2', { ctrlKey: true });
    expect(refused).not.toHaveBeenCalled();
    expect(verdict).toHaveBeenCalledTimes(2);
  });
});

describe('the verdict notice', () => {
  const labels: Record<string, string> = { v1: 'False', v2: 'Mostly true' };
  const labelOf = (id: string | null) => (id ? labels[id]! : 'Not yet rated');
  const before = claim(3, 'unemployment fell by half', { verdictId: 'v1', status: 'approved' });

  it('names the claim and the old and new verdict', () => {
    const after = { ...before, verdictId: 'v2', status: 'researching' as const };
    const change = verdictChange({ ...before, status: 'researching' }, after);
    expect(verdictChangeText(change, labelOf)).toBe('Claim 3: verdict changed from False to Mostly true.');
    expect(verdictUndoneText(change, labelOf)).toBe('Claim 3: verdict back to False.');
  });

  it('says so when an approved claim went back to review', () => {
    const change = verdictChange(before, { ...before, verdictId: null, status: 'in_review' });
    expect(change.unapproved).toBe(true);
    expect(verdictChangeText(change, labelOf)).toBe(
      'Claim 3: verdict changed from False to Not yet rated. It was approved, so it is back In review.',
    );
    expect(verdictUndoneText(change, labelOf)).toBe(
      'Claim 3: verdict back to False. It stays In review until someone approves it again.',
    );
    // Still approved (the verdict change did not touch the approval): nothing to say.
    expect(verdictChange(before, { ...before, verdictId: 'v2' }).unapproved).toBe(false);
  });

  it('Undo uses the undo step only while it is exactly this change', () => {
    const change = verdictChange(before, { ...before, verdictId: 'v2', status: 'in_review' });
    const step = (action: UndoEntry['action']): UndoEntry => ({ label: 'Set verdict', action, at: 1 });
    const own = step({ kind: 'claimFields', claimId: before.id, before: { verdictId: 'v1' }, after: { verdictId: 'v2' } });
    expect(isUndoStepOf(own, change)).toBe(true);
    expect(isUndoStepOf(undefined, change)).toBe(false);
    // Merged with an earlier verdict save: undo would go further back than the notice says.
    expect(
      isUndoStepOf(
        step({ kind: 'claimFields', claimId: before.id, before: { verdictId: null }, after: { verdictId: 'v2' } }),
        change,
      ),
    ).toBe(false);
    // Another field, another claim, another kind of step.
    expect(
      isUndoStepOf(
        step({ kind: 'claimFields', claimId: before.id, before: { rationale: '' }, after: { rationale: 'x' } }),
        change,
      ),
    ).toBe(false);
    expect(isUndoStepOf({ ...own, action: { ...own.action, claimId: 'other' } as UndoEntry['action'] }, change)).toBe(
      false,
    );
    expect(
      isUndoStepOf(step({ kind: 'created', records: { article: null, claims: [], sources: [] } }), change),
    ).toBe(false);
  });
});
