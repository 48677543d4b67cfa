// Counted words agree with their number in both languages (#28): "1 row refused",
// "0 ligne refusée", through i18next's plural rules (French counts 0 as one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import i18next from 'i18next';
import en from '../../shared/locales/en.json';
import fr from '../../shared/locales/fr.json';

const texts = (node: unknown, path = ''): [string, string][] =>
  typeof node === 'string' ? [[path, node]] : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));

/** Nouns the desk counts, as each language writes them after a number. */
const COUNTED = {
  en: /^(rows?|learners?|offerings?|records?|changes?|removals?|years?|days?|class(es)?|listings?|files?|hours?|seats?|sessions?|templates?|people|persons?)\b/,
  fr: /^(lignes?|participants?|offres?|dossiers?|modifications?|retraits?|ans?|jours?|séances?|fichiers?|heures?|places?|modèles?|personnes?)\b/,
};
/** Numbers that are never 1: the contract's limits (300 characters, 30 class days…). */
const NEVER_ONE = new Set(['limit']);

for (const [lang, messages] of [['en', en], ['fr', fr]] as const) {
  test(`${lang}: every number before a counted word is a plural count, with its one and other forms`, () => {
    const all = texts(messages);
    const keys = new Set(all.map(([k]) => k));
    const wrong: string[] = [];
    for (const [key, text] of all) {
      for (const m of text.matchAll(/\{\{(\w+)\}\}\s+/g)) {
        const after = text.slice(m.index + m[0].length);
        if (!COUNTED[lang].test(after) || NEVER_ONE.has(m[1]!)) continue;
        const base = key.replace(/_(one|other)$/, '');
        if (m[1] !== 'count' || !keys.has(`${base}_one`) || !keys.has(`${base}_other`)) wrong.push(`${key}: ${text}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
}

test('messages with several numbers agree with each, in English and in French', async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  const say = (lng: 'en' | 'fr', key: string, values: Record<string, number>) => i18n.t(key, { lng, ...values });
  assert.equal(say('en', 'import.done', { created: 1, updated: 0, refused: 1, adopted: 2 }), 'Imported: 1 created, 0 updated, 1 row refused, 2 already listed.');
  assert.equal(say('en', 'import.done', { created: 2, updated: 1, refused: 0, adopted: 0 }), 'Imported: 2 created, 1 updated, 0 rows refused, 0 already listed.');
  assert.equal(say('fr', 'import.done', { created: 1, updated: 0, refused: 1, adopted: 2 }), 'Importation terminée\u00a0: 1 créée, 0 mise à jour, 1 ligne refusée, 2 déjà affichées.');
  assert.equal(say('fr', 'import.done', { created: 2, updated: 3, refused: 4, adopted: 1 }), 'Importation terminée\u00a0: 2 créées, 3 mises à jour, 4 lignes refusées, 1 déjà affichée.');
  assert.equal(say('en', 'import.summary', { create: 0, update: 0, refused: 1 }), '0 to create · 0 to update · 1 row refused');
  assert.equal(say('en', 'roster.imported', { imported: 1, skipped: 1 }), '1 learner imported; 1 row left out.');
  assert.equal(say('en', 'roster.imported', { imported: 12, skipped: 0 }), '12 learners imported; 0 rows left out.');
  assert.equal(say('fr', 'roster.imported', { imported: 1, skipped: 2 }), '1 participant importé\u00a0; 2 lignes écartées.');
  assert.equal(say('en', 'roster.summary', { completed: 1, total: 3, reported: 1 }), '1 of 3 completed · 1 reported');
  assert.equal(say('fr', 'roster.summary', { completed: 1, total: 3, reported: 0 }), '1 réussite sur 3 · 0 déclarée');
  assert.equal(say('fr', 'roster.summary', { completed: 2, total: 3, reported: 2 }), '2 réussites sur 3 · 2 déclarées');
  assert.equal(i18n.t('privacy.saved', { lng: 'en', count: 1 }), 'Learner details will be kept for 1 year after each class.');
  assert.equal(i18n.t('privacy.saved', { lng: 'fr', count: 3 }), 'Les renseignements des participants seront conservés 3 ans après chaque cours.');
  assert.equal(i18n.t('settings.removalsQueued', { lng: 'en', count: 1 }), '1 removal is on its way to the Marketplace. Save the new connection once it is done.');
});
