// The one place that knows the Marketplace's bodies: offering → body, both
// dialects alike (network.ts and gateway.ts add only paths, auth and the few
// fields that differ). If the real contract differs from
// docs/marketplace-api.md, this is the file to change.
import { z } from 'zod';
import { TrainingStandardKey, OnlineStandardKey, DeliveryMethod, standardFor, needsAddress, isOnlineStandard } from '../../../shared/standards';
import { type OfferingDraft, type AddressDraft, isHttpsUrl, normalisePostalCode, DRAFT_LIMITS, MAX_COURSE_HOURS, OFFERING_ID, POSTAL_CODE } from '../../../shared/offering';
import { ontarioToUtc } from '../../../shared/time';

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const Timestamp = z.string().regex(ISO_UTC_MS, 'must be an ISO 8601 UTC timestamp with milliseconds').refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date');
const HttpsUrl = z.string().refine(isHttpsUrl, 'must be an https URL');

export const WireAddress = z
  .object({
    'street-address': z.string().min(1),
    'extended-address': z.string().optional(),
    locality: z.string().min(1),
    region: z.string().min(2).max(2),
    'postal-code': z.string().regex(POSTAL_CODE, 'must be a Canadian postal code'),
    'country-name': z.string().min(1),
  })
  .strict();

export const WireEvent = z
  .object({ start: Timestamp, end: Timestamp })
  .strict()
  .refine((e) => Date.parse(e.end) > Date.parse(e.start), { message: 'end must be after start', path: ['end'] });

const offeringFields = {
  offeringId: z.string().regex(OFFERING_ID),
  trainingStandardKey: TrainingStandardKey,
  deliveryMethod: DeliveryMethod,
  courseName: z.string().min(1).max(DRAFT_LIMITS.courseName),
  seatsRemaining: z.number().int().min(0),
  contactForPricing: z.boolean(),
  price: z.number().min(0).optional(),
  address: WireAddress.optional(),
  events: z.array(WireEvent).min(1),
  externalRegistrationUrl: HttpsUrl,
  virtualClassUrl: HttpsUrl.optional(),
};

type OfferingShape = z.infer<z.ZodObject<typeof offeringFields>>;

/** Cross-field rules of the contract, shared by add and by a patch's result. */
function checkRules(o: OfferingShape, ctx: z.RefinementCtx): void {
  const expected = standardFor(o.trainingStandardKey).delivery;
  if (o.deliveryMethod !== expected) {
    ctx.addIssue({ code: 'custom', path: ['deliveryMethod'], message: `must be ${expected} for ${o.trainingStandardKey}` });
  }
  if (needsAddress(o.deliveryMethod) && !o.address) {
    ctx.addIssue({ code: 'custom', path: ['address'], message: `is required for ${o.deliveryMethod} classes` });
  }
  if (o.deliveryMethod === 'virtual' && !o.virtualClassUrl) {
    ctx.addIssue({ code: 'custom', path: ['virtualClassUrl'], message: 'is required for virtual classes' });
  }
  if (!o.contactForPricing && o.price === undefined) {
    ctx.addIssue({ code: 'custom', path: ['price'], message: 'is required unless contactForPricing is true' });
  }
}

export const WireOffering = z.object(offeringFields).strict().superRefine(checkRules);
export type WireOffering = z.infer<typeof WireOffering>;

const onlineFields = {
  offeringId: offeringFields.offeringId,
  trainingStandardKey: OnlineStandardKey,
  courseName: offeringFields.courseName,
  /** Hours, as the app says in its UI; the API does not document the unit. */
  courseDuration: z.number().positive().max(MAX_COURSE_HOURS),
  contactForPricing: z.boolean(),
  price: z.number().min(0).optional(),
  externalRegistrationUrl: HttpsUrl,
};

function checkPriceRule(o: { contactForPricing: boolean; price?: number | undefined }, ctx: z.RefinementCtx): void {
  if (!o.contactForPricing && o.price === undefined) {
    ctx.addIssue({ code: 'custom', path: ['price'], message: 'is required unless contactForPricing is true' });
  }
}

export const WireOnlineOffering = z.object(onlineFields).strict().superRefine(checkPriceRule);
export type WireOnlineOffering = z.infer<typeof WireOnlineOffering>;

/** What the catalogue remembers the Marketplace holds: a class or an online offering. */
export const WireListing = z.union([WireOffering, WireOnlineOffering]);
export type WireListing = WireOffering | WireOnlineOffering;

/** Which of the API's collections an offering lives in. */
export type Resource = 'class' | 'online';

export function resourceOf(listing: WireListing): Resource {
  return isOnlineStandard(listing.trainingStandardKey) ? 'online' : 'class';
}

export const WireErrorCode = z.enum(['general', 'forbidden', 'internal', 'invalid', 'notFound', 'unauthorized', 'unknown']);
export type WireErrorCode = z.infer<typeof WireErrorCode>;

export const WireError = z.object({
  code: WireErrorCode,
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type WireError = z.infer<typeof WireError>;

/** An address as the API family writes one (vCard keys), for a class's location and a learner's home alike. */
export function toWireAddress(a: AddressDraft): z.infer<typeof WireAddress> {
  return {
    'street-address': a.street.trim(),
    ...(a.extended.trim() ? { 'extended-address': a.extended.trim() } : {}),
    locality: a.city.trim(),
    region: a.province,
    'postal-code': normalisePostalCode(a.postalCode),
    'country-name': 'Canada',
  };
}

/** Maps a publishable draft (see publishProblems) to the wire body of its kind. */
export function toWire(draft: OfferingDraft): WireListing {
  const key = draft.trainingStandardKey;
  if (key === '') throw new TypeError('toWire needs a training standard');
  if (isOnlineStandard(key)) {
    const online: WireOnlineOffering = {
      offeringId: draft.offeringId,
      trainingStandardKey: key,
      courseName: draft.courseName.trim(),
      courseDuration: draft.courseDurationHours ?? 0,
      contactForPricing: draft.contactForPricing,
      externalRegistrationUrl: draft.registrationUrl.trim(),
    };
    if (!draft.contactForPricing && draft.price !== null) online.price = draft.price;
    return online;
  }
  const delivery = standardFor(key).delivery as DeliveryMethod;
  const a = draft.address;
  const wire: WireOffering = {
    offeringId: draft.offeringId,
    trainingStandardKey: key,
    deliveryMethod: delivery,
    courseName: draft.courseName.trim(),
    seatsRemaining: draft.seatsRemaining ?? 0,
    contactForPricing: draft.contactForPricing,
    events: draft.classDays.map((d) => ({ start: ontarioToUtc(d.date, d.start), end: ontarioToUtc(d.date, d.end) })),
    externalRegistrationUrl: draft.registrationUrl.trim(),
  };
  if (!draft.contactForPricing && draft.price !== null) wire.price = draft.price;
  if (needsAddress(delivery)) wire.address = toWireAddress(a);
  if (draft.virtualClassUrl.trim() !== '') wire.virtualClassUrl = draft.virtualClassUrl.trim();
  return wire;
}

/**
 * The fields of `next` that differ from what the Marketplace acknowledged.
 * A field that disappeared (e.g. price once contact-for-pricing is ticked) is
 * sent as null so the Marketplace can drop it.
 */
export function changedFields(listed: WireListing, next: WireListing): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const before = listed as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (k === 'offeringId') continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = after[k] ?? null;
  }
  return out;
}

/**
 * What the catalogue records for a listing made elsewhere (adopted from a
 * schedule file): the Marketplace has no read call, so its fields are unknown
 * and the first publish sends every field as a patch (see fullPatch), never an add.
 * The marker's one definition: built (adoptedListing), told apart (isAdopted)
 * and accepted as stored (StoredListing) through this schema and its type.
 */
const AdoptedMarker = z.object({ offeringId: z.string().min(1), trainingStandardKey: z.string(), adopted: z.literal(true) }).strict();
type AdoptedMarker = z.infer<typeof AdoptedMarker>;

export function adoptedListing(draft: Pick<AdoptedMarker, 'offeringId' | 'trainingStandardKey'>): WireListing {
  const marker: AdoptedMarker = { offeringId: draft.offeringId, trainingStandardKey: draft.trainingStandardKey, adopted: true };
  return AdoptedMarker.parse(marker) as unknown as WireListing;
}

/** A stored listing is a marker when it has the marker's `adopted` field: no wire body has one. Not parsed again: the queue asks it before every send. */
export function isAdopted(listed: WireListing): boolean {
  return (listed as Partial<AdoptedMarker>).adopted === true;
}

/**
 * What a catalogue row holds as listed: the body the Marketplace acknowledged,
 * or an adopted marker. Compared with a draft, a marker differs in every field,
 * so an adopted offering stays "changed" until its full patch is acknowledged.
 */
export const StoredListing = z.union([WireListing, AdoptedMarker]).transform((v) => v as WireListing);
/** Optional fields of each kind: absent means "none", so a full patch must say null for them. */
const OPTIONAL_FIELDS: Record<Resource, readonly string[]> = { class: ['price', 'address', 'virtualClassUrl'], online: ['price'] };

/**
 * The whole offering as a patch (after a 409 proved an earlier add arrived):
 * every field, and null for each optional field it no longer has, so a stale
 * price, address or virtual class URL on the Marketplace is removed.
 */
export function fullPatch(wire: WireListing): Record<string, unknown> {
  const { offeringId: _path, ...fields } = wire as WireListing & Record<string, unknown>;
  for (const k of OPTIONAL_FIELDS[resourceOf(wire)]) if (!(k in fields)) fields[k] = null;
  return fields;
}

const FORM_PATHS: Record<string, string> = {
  offeringId: 'offeringId',
  trainingStandardKey: 'trainingStandardKey',
  deliveryMethod: 'trainingStandardKey',
  courseName: 'courseName',
  seatsRemaining: 'seatsRemaining',
  contactForPricing: 'contactForPricing',
  price: 'price',
  externalRegistrationUrl: 'registrationUrl',
  virtualClassUrl: 'virtualClassUrl',
  address: 'address.street',
  'address.street-address': 'address.street',
  'address.extended-address': 'address.extended',
  'address.locality': 'address.city',
  'address.region': 'address.province',
  'address.postal-code': 'address.postalCode',
  events: 'classDays',
  courseDuration: 'courseDurationHours',
};

/** `events.1.end` → `classDays.1.end`: Marketplace error details land on form fields. */
export function formPathFor(wirePath: string): string {
  const events = /^events\.(\d+)(?:\.(start|end))?$/.exec(wirePath);
  if (events) return events[2] ? `classDays.${events[1]}.${events[2]}` : `classDays.${events[1]}.date`;
  return FORM_PATHS[wirePath] ?? wirePath;
}
