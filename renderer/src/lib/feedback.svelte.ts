// One place where results and errors appear: a toast region that is always in
// view and announced to screen readers, replacing the copies of result →
// notice code that each screen had. A toast may offer Undo.
import type { AppError } from '../../../shared/errors';
import { errorText, t } from './i18n.svelte';

export interface Toast {
  id: number;
  text: string;
  tone: 'done' | 'problem';
  undo?: () => Promise<boolean>;
}

/** How long a toast stays: long enough to read and reach Undo from the keyboard. */
const SHOWN_MS = 8000;

class Feedback {
  toasts = $state<Toast[]>([]);
  #next = 1;

  show(text: string, options: { tone?: Toast['tone']; undo?: () => Promise<boolean> } = {}): void {
    const toast: Toast = { id: this.#next++, text, tone: options.tone ?? 'done', ...(options.undo ? { undo: options.undo } : {}) };
    // One at a time reads best: the newest replaces the rest.
    this.toasts = [toast];
    setTimeout(() => this.dismiss(toast.id), SHOWN_MS);
  }

  problem(error: AppError): void {
    this.show(errorText(error, 'errors'), { tone: 'problem' });
  }

  /** A call's outcome: `done` on success, the error in the user's language otherwise. */
  /** `undo`, given the result, returns how to take it back, or nothing when it cannot be. */
  report<T>(result: { ok: true; value: T } | { ok: false; error: AppError }, done: (value: T) => string, undo?: (value: T) => (() => Promise<boolean>) | undefined): boolean {
    if (result.ok) {
      const back = undo?.(result.value);
      this.show(done(result.value), back ? { undo: back } : {});
    }
    else this.problem(result.error);
    return result.ok;
  }

  async undo(toast: Toast): Promise<void> {
    if (!toast.undo) return;
    const ok = await toast.undo();
    this.show(ok ? t('feedback.undone') : t('feedback.undoFailed'), { tone: ok ? 'done' : 'problem' });
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((x) => x.id !== id);
  }
}

export const feedback = new Feedback();
