// Making proofs of completion from the roster: one learner's or the whole
// class's, saved as a PDF file; when something is missing first, what and
// where, shown above the roster (from the table's buttons too).
import type { AppError } from '../../../shared/errors';
import type { RosterView } from '../../../shared/roster-contract';
import { call } from './api';
import { download } from './download';
import { base64Bytes } from './file-bytes';
import { feedback } from './feedback.svelte';
import { t } from './i18n.svelte';

class Proofs {
  /** Why the last ask made nothing (a profile field, a program ID, the class not over…); null when it worked. */
  problem = $state.raw<AppError | null>(null);
  /** The class asked for, while its PDF is being made. */
  making = $state<string | null>(null);

  async make(offeringRowId: string, ids: string[], onRoster: (roster: RosterView) => void): Promise<void> {
    this.making = offeringRowId;
    const result = await call('proofs:make', { offeringRowId, ids });
    this.making = null;
    if (!result.ok) {
      if (result.error.code === 'profile-incomplete' || result.error.fields?.length) this.problem = result.error;
      else feedback.problem(result.error);
      return;
    }
    this.problem = null;
    const { fileName, pdf, pages, roster } = result.value;
    download(fileName, base64Bytes(pdf), 'application/pdf');
    feedback.show(t('proof.saved', { count: pages, file: fileName }));
    onRoster(roster);
  }
}

export const proofs = new Proofs();
