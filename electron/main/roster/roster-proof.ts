// Proofs of completion for a class's completed learners: everything the
// document needs is checked first (the provider profile, the program ID of the
// class's standard, its instructors, its last day reached, each learner
// completed), so a refusal makes nothing and records nothing. The PDF is made
// here from the sealed details and handed back to be saved where the user
// says; the catalogue keeps only when each learner was given one.
import { AppFailure, failure, type FieldError } from '../../../shared/errors';
import en from '../../../shared/locales/en.json';
import fr from '../../../shared/locales/fr.json';
import { isCompleted } from '../../../shared/learner';
import { missingFromProfile, type ProviderProfile } from '../../../shared/provider-profile';
import type { ProofFile } from '../../../shared/proof-contract';
import { isStandardKey, standardFor, type StandardKey } from '../../../shared/standards';
import { todayInOntario } from '../../../shared/time';
import { fold } from '../../../shared/text';
import { classOf, nowIso, presenceOf, staffByDay, type RosterParts } from './roster-class';
import { openDetails } from './roster-seal';
import { rosterView } from './roster-view';
import { drawProofs, proofTexts, type ProofClass } from './proof-pdf';

export interface ProofSources {
  /** Settings → Provider profile. */
  profile: () => ProviderProfile;
  /** Settings: the approved program ID of each standard. */
  programIds: () => Partial<Record<StandardKey, string>>;
}

const STANDARD_NAMES = { en: en.standards, fr: fr.standards } as const;

const field = (code: string, message: string): FieldError => ({ path: 'proof', code, message });
const refuse = (code: string, message: string) => failure('validation', message, { fields: [field(code, message)] });

/** A file name's part from any text: letters and digits, dashes between. */
const slug = (text: string) => fold(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'class';

/** The class's facts for its proofs, or the first reason none can be made yet. */
function proofClass(parts: RosterParts, sources: ProofSources, offeringRowId: string): { c: ProofClass; profile: ProviderProfile; offeringId: string } {
  const { row, days } = classOf(parts.catalogue, offeringRowId);
  const key = row.standard_key;
  if (key === null || !isStandardKey(key)) throw refuse('proof.noStandard', 'Choose the class’s training standard first: the proof of completion names it.');
  const standard = standardFor(key);
  const profile = sources.profile();
  const missing = missingFromProfile(profile);
  const programId = sources.programIds()[key]?.trim() ?? '';
  if (programId === '') missing.push({ path: `programIds.${key}`, code: 'programId.missing', message: `Enter the approved program ID for ${key} in Settings.` });
  if (missing.length > 0) {
    throw failure('profile-incomplete', `Before a proof of completion can be made, fill in under Settings: ${missing.map((m) => m.path).join(', ')}.`, { fields: missing });
  }
  const last = days.at(-1);
  if (!last || last.date > todayInOntario(parts.clock.now())) throw refuse('proof.classNotOver', 'A proof of completion can be made from the class’s last day on.');
  const byDay = staffByDay(parts.staff, offeringRowId);
  const names = (role: 'instructors' | 'evaluators') => [...new Set(days.flatMap((d) => (byDay.get(d.date)?.[role] ?? []).map((p) => p.name)))];
  const instructors = names('instructors');
  if (instructors.length === 0) throw refuse('proof.noInstructor', 'Record at least one instructor for the class days first: the proof of completion names them.');
  const language = standard.language;
  return {
    profile,
    offeringId: row.offering_id,
    c: {
      language,
      courseName: row.course_name.trim() || STANDARD_NAMES[language][standard.course as keyof typeof en.standards],
      standardLabel: `${STANDARD_NAMES[language][standard.course as keyof typeof en.standards]} (${key})`,
      programId,
      modules: standard.program !== 'WAH' ? null : standard.course === 'WAH-Refr' ? 'wah-refresher' : 'wah',
      days: days.map((d) => d.date),
      instructors,
      evaluators: names('evaluators'),
      issuedOn: todayInOntario(parts.clock.now()),
    },
  };
}

/** One PDF with a page for each of these learners (in roster order), and the roster showing when each was given one. */
export async function makeProofs(parts: RosterParts, sources: ProofSources, offeringRowId: string, ids: readonly string[]): Promise<ProofFile> {
  const { c, profile, offeringId } = proofClass(parts, sources, offeringRowId);
  const presence = presenceOf(parts.learners, offeringRowId);
  const wanted = new Set(ids);
  const rows = parts.learners.byOffering(offeringRowId).filter((r) => wanted.has(r.id));
  const completed = rows.filter((r) => isCompleted(r.result, c.days, presence.get(r.id) ?? {}));
  if (completed.length !== wanted.size) throw refuse('proof.notCompleted', 'Only learners present every day and marked Completed get a proof of completion.');
  const crypto = await parts.keys.crypto();
  const learners = completed.map((r) => {
    const d = openDetails(crypto, r);
    return { name: `${d.firstName} ${d.lastName}`.trim(), learnerId: d.learnerId };
  });
  let pdf: Uint8Array;
  try {
    pdf = await drawProofs(profile, c, learners);
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    // A logo that read at save but not now, a font the archive lost: said plainly, nothing recorded.
    throw failure('internal', 'The proof of completion could not be drawn. Nothing was recorded; check the logo in Settings → Provider profile and try again.');
  }
  parts.proofs.recordIssued(completed.map((r) => r.id), nowIso(parts.clock));
  const t = proofTexts(c.language);
  const fileName = learners.length === 1 ? `${t.fileOne}-${slug(offeringId)}-${slug(learners[0]!.name)}.pdf` : `${t.fileAll}-${slug(offeringId)}.pdf`;
  return { fileName, pdf: Buffer.from(pdf).toString('base64'), pages: learners.length, roster: await rosterView(parts, offeringRowId) };
}
