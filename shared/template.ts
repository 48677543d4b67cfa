// A course template: what stays the same from one run of a course to the
// next (standard, name, price or contact, seats, usual location, usual day
// times and number of days), so a new offering needs only its dates.
import { z } from 'zod';
import { OfferingDraft, OfferingKind, AddressDraft, DRAFT_LIMITS, emptyDraft } from './offering';
import { StandardKey } from './standards';

export const DayTimes = z.object({ start: z.string().max(5), end: z.string().max(5) });

export const TemplateBody = z.object({
  kind: OfferingKind,
  trainingStandardKey: z.union([StandardKey, z.literal('')]),
  courseName: OfferingDraft.shape.courseName,
  seatsRemaining: z.number().int().min(0).max(100_000).nullable(),
  contactForPricing: z.boolean(),
  price: z.number().min(0).nullable(),
  address: AddressDraft,
  /** One entry per class day: the usual times, in order. */
  dayTimes: z.array(DayTimes).max(DRAFT_LIMITS.classDays),
  registrationUrl: OfferingDraft.shape.registrationUrl,
  virtualClassUrl: OfferingDraft.shape.virtualClassUrl,
  courseDurationHours: z.number().nullable(),
});
export type TemplateBody = z.infer<typeof TemplateBody>;

export const CourseTemplate = z.object({ id: z.string(), name: z.string(), body: TemplateBody });
export type CourseTemplate = z.infer<typeof CourseTemplate>;

/** What of an offering a template keeps: never its dates, offering ID or listing. */
export function templateOf(draft: OfferingDraft): TemplateBody {
  return {
    kind: draft.kind,
    trainingStandardKey: draft.trainingStandardKey,
    courseName: draft.courseName,
    seatsRemaining: draft.seatsRemaining === null ? null : Math.max(0, Math.trunc(draft.seatsRemaining)),
    contactForPricing: draft.contactForPricing,
    price: draft.price,
    address: draft.address,
    dayTimes: draft.kind === 'class' ? draft.classDays.map((d) => ({ start: d.start, end: d.end })) : [],
    registrationUrl: draft.registrationUrl,
    virtualClassUrl: draft.virtualClassUrl,
    courseDurationHours: draft.courseDurationHours,
  };
}

/** A new draft from a template: everything but the dates (and a new offering ID, made when saved). */
export function draftFromTemplate(body: TemplateBody): OfferingDraft {
  const base = emptyDraft(body.kind);
  return {
    ...base,
    trainingStandardKey: body.trainingStandardKey,
    courseName: body.courseName,
    seatsRemaining: body.seatsRemaining,
    contactForPricing: body.contactForPricing,
    price: body.price,
    address: body.address,
    classDays: body.kind === 'class' ? (body.dayTimes.length > 0 ? body.dayTimes : [{ start: '', end: '' }]).map((t) => ({ date: '', start: t.start, end: t.end })) : [],
    registrationUrl: body.registrationUrl,
    virtualClassUrl: body.virtualClassUrl,
    courseDurationHours: body.courseDurationHours,
  };
}
