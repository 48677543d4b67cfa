// Proofs of completion through the IPC handlers, read back with pdf.js: every
// element of the WAH Training Provider Standard's section 3.7.1 as text, in
// the class's language, accented names whole, no expiry date, one page per
// learner on Letter within margins that fit A4; nothing made without a full
// provider profile; no learner detail left in the data folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { taughtClass, learner, DAY_ONE, DAY_TWO, type Ipc } from '../support/roster';
import { filesContaining, validDraft } from '../support/helpers';
import { readPdf, type PdfPage } from '../support/pdf-text';
import { CONTENT } from '../../electron/main/roster/proof-pdf';
import type { ProviderProfile } from '../../shared/provider-profile';
import type { ResponseOf } from '../../shared/ipc';

const LOGO = fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'images', 'logo.png')).toString('base64');

/** A provider with accents in every field that can have them; its postal code as typed, not yet written A1A 1A1. */
export const PROFILE: ProviderProfile = {
  ...{ legalName: 'Formations Sécurité Hauteur Québec-Ontario inc.', providerId: 'TP-40917', phone: '613-555-0199 poste 12' },
  address: { street: '250 rue Élisabeth', extended: 'bureau 3', city: 'Ottawa', province: 'ON', postalCode: 'k1n5a1' },
  ...{ signerName: 'Hélène Bérubé', signerTitle: 'Directrice de la formation', logo: { type: 'image/png', data: LOGO } },
};

const MARIE = learner({ firstName: 'Marie-Ève', lastName: 'Côté-Bélanger', email: 'marie-eve.cote@example.ca', learnerId: 'MEC-2027' });
const ZOE = learner({ firstName: 'Zoë', lastName: 'O’Brien', email: 'zoe.obrien@example.ca', birthYear: 1988, learnerId: 'ZOB-2027' });
const ABSENT = learner({ firstName: 'Ingrid', lastName: 'Absentée', email: 'ingrid@example.ca', birthYear: 1979 });

/** Three learners on the class, two of them completed (present both days), with an instructor and an evaluator each day. */
async function classWithLearners(ipc: Ipc, offeringRowId: string) {
  for (const details of [MARIE, ZOE, ABSENT]) await ipc('learners:save', { offeringRowId, id: null, details });
  const people = await ipc('people:save', { id: null, name: 'Gaëtan Lévesque' }).then(() => ipc('people:save', { id: null, name: 'Jordan Smith' }));
  const gaetan = people.find((p) => p.name === 'Gaëtan Lévesque')!.id;
  const jordan = people.find((p) => p.name === 'Jordan Smith')!.id;
  await ipc('roster:setDayStaff', { offeringRowId, day: DAY_ONE, instructors: [gaetan], evaluators: [jordan] });
  await ipc('roster:setDayStaff', { offeringRowId, day: DAY_TWO, instructors: [gaetan, jordan], evaluators: [jordan] });
  let roster = await ipc('roster:get', { offeringRowId });
  for (const l of roster.learners) {
    for (const day of [DAY_ONE, DAY_TWO]) await ipc('roster:setAttendance', { id: l.id, day, present: l.details.firstName !== 'Ingrid' || day === DAY_ONE });
    roster = await ipc('roster:setResult', { id: l.id, result: 'completed', score: 90 });
  }
  const [marie, zoe, absent] = roster.learners;
  assert.deepEqual(roster.learners.map((l) => l.completed), [true, true, false]);
  return { marie: marie!, zoe: zoe!, absent: absent! };
}

const pdfOf = (file: ResponseOf<'proofs:make'>) => new Uint8Array(Buffer.from(file.pdf, 'base64'));

/** The text of a page with its runs joined, spaces folded: a wrapped value still reads whole. */
const flat = (page: PdfPage) => page.text.replace(/\s+/g, ' ');

function assertFitsLetterAndA4(page: PdfPage): void {
  assert.deepEqual([page.width, page.height], [612, 792], 'US Letter');
  // A4 is 595 × 842: printed at actual size, centred, it loses 8.5 pt at each side of a Letter page.
  for (const item of page.items) {
    assert.ok(item.x >= CONTENT.left - 0.5 && item.x + item.width <= CONTENT.right + 0.5, `“${item.str}” inside the margins (${item.x.toFixed(1)}–${(item.x + item.width).toFixed(1)})`);
    assert.ok(item.y >= CONTENT.bottom - 12 && item.y <= CONTENT.top, `“${item.str}” inside the top and bottom margins (${item.y.toFixed(1)})`);
  }
  assert.ok(CONTENT.left > (612 - 595) / 2 + 36 && 612 - CONTENT.right > (612 - 595) / 2 + 36, 'half an inch at least left on A4');
}

/** Every font of the PDF is embedded (a subset of the shipped Source Sans 3), so accents never depend on the printer. */
async function assertFontsEmbedded(bytes: Uint8Array): Promise<void> {
  const doc = await PDFDocument.load(bytes);
  const fonts = doc.context.enumerateIndirectObjects().map(([, o]) => o).filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Font'));
  const descendants = fonts.filter((f) => f.get(PDFName.of('Subtype')) === PDFName.of('CIDFontType2'));
  assert.equal(descendants.length, 2, 'regular and bold');
  assert.ok(fonts.every((f) => [PDFName.of('Type0'), PDFName.of('CIDFontType2')].includes(f.get(PDFName.of('Subtype')) as PDFName)), 'no standard (unembedded) font');
  for (const font of descendants) {
    const descriptor = doc.context.lookup(font.get(PDFName.of('FontDescriptor')), PDFDict);
    const program = doc.context.lookup(descriptor.get(PDFName.of('FontFile2')));
    assert.ok(program instanceof PDFRawStream);
    assert.ok(program.getContents().length > 1000, 'the font program is in the file');
    assert.ok(program.getContents().length < 200_000, 'a subset of it (the whole face is 430 KB)');
    assert.match(String(font.get(PDFName.of('BaseFont'))), /^\/SourceSans3-(Regular|Bold)/, 'the shipped Source Sans 3');
  }
}

test('English class: one page per completed learner with every 3.7.1 element, accents whole, no expiry, Letter fitting A4, fonts embedded', async (t) => {
  const { ipc, refused, offering, classOver, services } = await taughtClass(t);
  await ipc('settings:save', { programIds: { 'WAH-E-I': 'WAH-10083' } });
  await ipc('profile:save', PROFILE);
  const { marie, zoe, absent } = await classWithLearners(ipc, offering.id);

  // On the first class day, nothing yet: the completion date is the last day.
  assert.equal((await refused('proofs:make', { offeringRowId: offering.id, ids: [marie.id] })).fields?.[0]?.code, 'proof.classNotOver');
  classOver();
  // A learner absent a day gets none, and asking for one with others makes nothing.
  const notCompleted = await refused('proofs:make', { offeringRowId: offering.id, ids: [marie.id, absent.id] });
  assert.equal(notCompleted.fields?.[0]?.code, 'proof.notCompleted');
  assert.deepEqual((await ipc('roster:get', { offeringRowId: offering.id })).learners.map((l) => l.proofIssuedAt), [null, null, null], 'a refusal records nothing');

  const one = await ipc('proofs:make', { offeringRowId: offering.id, ids: [marie.id] });
  assert.match(one.fileName, /^proof-of-completion-wah-[0-9a-f]+-marie-eve-cote-belanger\.pdf$/);
  assert.equal(one.pages, 1);
  const { pages } = await readPdf(pdfOf(one));
  assert.equal(pages.length, 1);
  const page = pages[0]!;
  const text = flat(page);
  const longDay = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString('en-CA', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  for (const element of [
    'Proof of Completion',
    'Marie-Ève Côté-Bélanger', // 1. the learner's name
    'has successfully completed the approved training program',
    'Working at Heights — full day', // 2. the training program's name (the course)
    'Approved program ID WAH-10083', // 3. the approved program's ID
    'Training standard Working at Heights – full course (WAH-E-I)',
    'Modules completed Working at Heights Basic Theory module and Working at Heights Practical module',
    `Date of successful completion ${longDay(DAY_TWO)}`, // 4. the completion date: the class's last day
    `Class days ${longDay(DAY_ONE)} · ${longDay(DAY_TWO)}`,
    'Language of instruction English',
    'Instructor(s) Gaëtan Lévesque, Jordan Smith', // 5. the instructors, every class day's
    'Evaluator(s) Jordan Smith',
    'Approved training provider Formations Sécurité Hauteur Québec-Ontario inc.', // 6. the provider's name
    'Training provider ID TP-40917', // 7. the provider's ID
    'Learner ID MEC-2027',
    'Hélène Bérubé', // 8. signed by the provider's signing authority
    'Directrice de la formation',
    '250 rue Élisabeth, bureau 3',
    'Ottawa (ON) K1N 5A1',
    'Telephone 613-555-0199 poste 12',
  ]) {
    assert.ok(text.includes(element), `“${element}” on the page:\n${text}`);
  }
  assert.doesNotMatch(text, /expir|valid until|valable/i, 'no expiry date of any kind');
  assert.doesNotMatch(text, /Zoë|Ingrid/, 'only this learner');
  assertFitsLetterAndA4(page);
  await assertFontsEmbedded(pdfOf(one));
  // The roster says who received one and when.
  const after = one.roster.learners;
  assert.ok(Math.abs(Date.parse(after[0]!.proofIssuedAt!) - services.clock.now().getTime()) < 60_000, 'when: now');
  assert.deepEqual(after.map((l) => l.proofIssuedAt !== null), [true, false, false]);

  // The whole class: one PDF, a page each, in roster order.
  const all = await ipc('proofs:make', { offeringRowId: offering.id, ids: [zoe.id, marie.id] });
  assert.match(all.fileName, /^proofs-of-completion-wah-[0-9a-f]+\.pdf$/);
  const both = await readPdf(pdfOf(all));
  assert.equal(both.pages.length, 2);
  assert.ok(flat(both.pages[0]!).includes('Marie-Ève Côté-Bélanger') && !flat(both.pages[0]!).includes('O’Brien'));
  assert.ok(flat(both.pages[1]!).includes('Zoë O’Brien') && flat(both.pages[1]!).includes('Learner ID ZOB-2027'));
  for (const p of both.pages) assertFitsLetterAndA4(p);
  assert.deepEqual(all.roster.learners.map((l) => l.proofIssuedAt !== null), [true, true, false]);
});

test('French class: the proof is in French, with French dates and labels, and no expiry date', async (t) => {
  const { ipc, classOver } = await taughtClass(t);
  await ipc('settings:save', { programIds: { 'WAH-F-I': 'WAH-20417' } });
  await ipc('profile:save', { ...PROFILE, logo: null });
  const french = await ipc('offerings:save', {
    id: null,
    draft: validDraft({ trainingStandardKey: 'WAH-F-I', courseName: 'Travail en hauteur — formation complète', classDays: [{ date: DAY_ONE, start: '08:30', end: '16:30' }, { date: DAY_TWO, start: '08:30', end: '12:00' }] }),
  });
  const { marie, zoe } = await classWithLearners(ipc, french.id);
  classOver();
  const file = await ipc('proofs:make', { offeringRowId: french.id, ids: [marie.id, zoe.id] });
  assert.match(file.fileName, /^preuves-de-reussite-wah-[0-9a-f]+\.pdf$/);
  const { pages } = await readPdf(pdfOf(file));
  assert.equal(pages.length, 2);
  const longDay = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString('fr-CA', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const text = flat(pages[1]!);
  for (const element of [
    'Preuve de réussite',
    'Nous attestons que',
    'Zoë O’Brien',
    'a réussi le programme de formation approuvé',
    'Travail en hauteur — formation complète',
    'Numéro du programme approuvé WAH-20417',
    'Norme de formation Travail en hauteur – cours complet (WAH-F-I)',
    'Modules réussis Module de théorie de base sur le travail en hauteur et module pratique sur le travail en hauteur',
    `Date de réussite ${longDay(DAY_TWO)}`,
    'Langue de la formation français',
    'Instructeur(s) Gaëtan Lévesque, Jordan Smith',
    'Évaluateur(s) Jordan Smith',
    'Fournisseur de formation approuvé Formations Sécurité Hauteur Québec-Ontario inc.',
    'Numéro du fournisseur de formation TP-40917',
    'Numéro du participant ZOB-2027',
    'Hélène Bérubé',
    'Téléphone 613-555-0199 poste 12',
    `Délivrée le ${longDay(DAY_TWO)}`,
  ]) {
    assert.ok(text.includes(element), `“${element}” on the page:\n${text}`);
  }
  assert.match(longDay(DAY_TWO), /^\d{1,2} avril \d{4}$/);
  assert.doesNotMatch(text, /expir|valide jusqu|Proof|Learner|Date of/i, 'French only, and no expiry date');
  for (const p of pages) assertFitsLetterAndA4(p);
});

test('without a complete provider profile or the standard’s program ID, nothing is made and nothing recorded; the refusal names what is missing', async (t) => {
  const { ipc, refused, offering, classOver } = await taughtClass(t);
  const { marie } = await classWithLearners(ipc, offering.id);
  classOver();
  const empty = await refused('proofs:make', { offeringRowId: offering.id, ids: [marie.id] });
  assert.equal(empty.code, 'profile-incomplete');
  assert.deepEqual(empty.fields?.map((f) => f.path), ['legalName', 'providerId', 'address.street', 'address.city', 'address.postalCode', 'phone', 'signerName', 'signerTitle', 'programIds.WAH-E-I']);

  // Saved in part (a profile may be filled in over time): what remains is named, and Settings shows the same.
  const partial = await ipc('profile:save', { ...PROFILE, signerTitle: '  ', phone: '' });
  assert.deepEqual(partial.missing.map((f) => f.path), ['phone', 'signerTitle']);
  assert.deepEqual((await ipc('profile:get', {})).missing.map((f) => f.path), ['phone', 'signerTitle']);
  await ipc('settings:save', { programIds: { 'WAH-E-I': 'WAH-10083' } });
  const stillMissing = await refused('proofs:make', { offeringRowId: offering.id, ids: [marie.id] });
  assert.equal(stillMissing.code, 'profile-incomplete');
  assert.deepEqual(stillMissing.fields?.map((f) => f.path), ['phone', 'signerTitle']);
  assert.deepEqual((await ipc('roster:get', { offeringRowId: offering.id })).learners.map((l) => l.proofIssuedAt), [null, null, null]);

  await ipc('profile:save', PROFILE);
  assert.equal((await ipc('proofs:make', { offeringRowId: offering.id, ids: [marie.id] })).pages, 1);
});

test('the profile refuses a wrong provider ID, phone, postal code or a logo that is not a readable PNG or JPEG, and keeps what it had', async (t) => {
  const { ipc, refused } = await taughtClass(t);
  await ipc('profile:save', PROFILE);
  const bad = await refused('profile:save', { ...PROFILE, providerId: 'TP 40917', phone: 'call us', address: { ...PROFILE.address, postalCode: '12345' } });
  assert.equal(bad.code, 'validation');
  assert.deepEqual(bad.fields?.map((f) => `${f.path}:${f.code}`), ['providerId:providerId.invalid', 'address.postalCode:postalCode.invalid', 'phone:phone.invalid']);
  const notPng = await refused('profile:save', { ...PROFILE, logo: { type: 'image/png', data: Buffer.from('GIF89a not a png at all').toString('base64') } });
  assert.deepEqual(notPng.fields?.map((f) => f.code), ['logo.unreadable']);
  const brokenJpeg = await refused('profile:save', { ...PROFILE, logo: { type: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64') } });
  assert.deepEqual(brokenJpeg.fields?.map((f) => f.code), ['logo.unreadable']);
  const { profile } = await ipc('profile:get', {});
  assert.deepEqual(profile, { ...PROFILE, address: { ...PROFILE.address, postalCode: 'K1N 5A1' } }, 'as saved first, postal code written A1A 1A1');
});

test('after making proofs, no learner name or email is in any file of the data folder', async (t) => {
  const { ipc, offering, classOver, services } = await taughtClass(t);
  await ipc('settings:save', { programIds: { 'WAH-E-I': 'WAH-10083' } });
  await ipc('profile:save', PROFILE);
  const { marie, zoe } = await classWithLearners(ipc, offering.id);
  classOver();
  const file = await ipc('proofs:make', { offeringRowId: offering.id, ids: [marie.id, zoe.id] });
  assert.equal(file.pages, 2);
  await ipc('backups:create', {});
  services.db.pragma('wal_checkpoint(PASSIVE)');
  const files = fs.readdirSync(services.dataDir, { recursive: true }).map(String);
  assert.ok(files.some((f) => f.endsWith('-wal')) && files.some((f) => f.includes('backup')), 'the WAL and a backup are there to be searched');
  assert.ok(!files.some((f) => f.endsWith('.pdf')), 'no document kept');
  for (const needle of ['Marie-Ève', 'Côté-Bélanger', 'Zoë', 'O’Brien', MARIE.email, ZOE.email, 'MEC-2027']) {
    for (const form of [needle, needle.normalize('NFD'), Buffer.from(needle, 'utf16le').toString('latin1')]) assert.deepEqual(filesContaining(services.dataDir, form), [], `“${needle}” in clear text`);
  }
  assert.deepEqual(services.db.prepare('SELECT COUNT(*) AS n FROM proofs_issued').get(), { n: 2 }, 'only when, for whom: two rows');
});
