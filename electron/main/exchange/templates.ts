// Course templates' rules: save an offering as a template (a name each,
// unique; the same name again replaces it), edit, delete, and start a new
// offering from one with only its dates to fill.
import { randomUUID } from 'node:crypto';
import { failure } from '../../../shared/errors';
import { TEMPLATE_NAME_MAX } from '../../../shared/app-rules';
import { TemplateBody, draftFromTemplate, templateOf, type CourseTemplate } from '../../../shared/template';
import type { OfferingRecord } from '../../../shared/ipc';
import type { Catalogue, Clock } from '../catalogue/catalogue';
import { parseDraft } from '../catalogue/catalogue';
import type { ExchangeStore, TemplateRow } from './exchange-store';

export function createTemplates(store: ExchangeStore, catalogue: Catalogue, clock: Clock) {
  const nowIso = () => clock.now().toISOString();
  const toTemplate = (r: TemplateRow): CourseTemplate => ({ id: r.id, name: r.name, body: TemplateBody.parse(JSON.parse(r.body)) });
  const list = () => store.all().map(toTemplate);

  function checkName(input: string, except: string | null): string {
    const name = input.trim().replace(/\s+/g, ' ');
    const field = (code: string, message: string, limit?: number) => failure('validation', message, { fields: [{ path: 'name', code, message, ...(limit ? { limit } : {}) }] });
    if (name === '') throw field('required', 'This field is required.');
    if (name.length > TEMPLATE_NAME_MAX) throw field('tooLong', `At most ${TEMPLATE_NAME_MAX} characters.`, TEMPLATE_NAME_MAX);
    const taken = store.byName(name);
    if (taken && taken.id !== except) throw field('template.taken', 'Another template has this name.');
    return name;
  }

  function row(id: string): TemplateRow {
    const r = store.get(id);
    if (!r) throw failure('not-found', 'This template is no longer there.');
    return r;
  }

  return {
    list,
    /** "Save as template": the offering as it is now; a template of the same name is replaced. */
    fromOffering(offeringRowId: string, name: string): CourseTemplate[] {
      const body = JSON.stringify(templateOf(parseDraft(catalogue.row(offeringRowId))));
      const existing = store.byName(name.trim().replace(/\s+/g, ' '));
      const checked = checkName(name, existing?.id ?? null);
      if (existing) store.update(existing.id, checked, body, nowIso());
      else store.insert(randomUUID(), checked, body, nowIso());
      return list();
    },
    save(id: string, name: string, body: TemplateBody): CourseTemplate[] {
      row(id);
      store.update(id, checkName(name, id), JSON.stringify(body), nowIso());
      return list();
    },
    delete(id: string): CourseTemplate[] {
      if (!store.remove(id)) throw failure('not-found', 'This template is no longer there.');
      return list();
    },
    /** A new draft from the template, saved at once so it is never lost; only its dates are left to fill. */
    start(id: string): OfferingRecord {
      return catalogue.save(null, draftFromTemplate(toTemplate(row(id)).body));
    },
  };
}

export type Templates = ReturnType<typeof createTemplates>;
