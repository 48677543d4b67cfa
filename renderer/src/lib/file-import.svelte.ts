// An import from a file the user picked: main reads the file and previews what
// it would do, the window shows that, and nothing is written before Import.
// The schedule and roster imports hold this same state.
import type { Result } from '../../../shared/errors';
import { errorText } from './i18n.svelte';

export class FileImport<P> {
  /** The picked file as base64 for main; null: none, or one too large. */
  file = $state<string | null>(null);
  preview = $state.raw<P | null>(null);
  /** Shown at the file picker, in the user's language. */
  problem = $state<string | null>(null);
  /** A call to main is out: the controls wait for it. */
  busy = $state(false);

  /** A new pick: whatever was shown for the previous file goes. */
  pick(bytes: string | null, tooBig: string | null): void {
    this.preview = null;
    this.problem = tooBig;
    this.file = bytes;
  }

  /** Main's preview of the picked file; a refusal is shown at the picker. The preview, if there is one. */
  async load(ask: (file: string) => Promise<Result<P>>): Promise<P | null> {
    if (!this.file) return null;
    this.busy = true;
    const result = await ask(this.file);
    this.busy = false;
    if (!result.ok) {
      this.problem = errorText(result.error, 'errors');
      return null;
    }
    this.preview = result.value;
    this.problem = null;
    return result.value;
  }

  /** The import itself, with the picked file and its preview; null when there is nothing to import yet. */
  async submit<R>(act: (file: string, preview: P) => Promise<Result<R>>): Promise<Result<R> | null> {
    if (!this.file || !this.preview) return null;
    this.busy = true;
    const result = await act(this.file, this.preview);
    this.busy = false;
    return result;
  }
}
