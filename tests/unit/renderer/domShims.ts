/**
 * What jsdom lacks and the components use: modal <dialog> (showModal/close) and scrollIntoView.
 * Minimal stand-ins, so dialogs open and close as attributes and scrolling is a no-op. Also gives
 * findBy/waitFor more time than their 1 s default: the machines running these share their cores.
 */
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 4_000 });

if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.show = function show(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new Event('close'));
  };
}
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
