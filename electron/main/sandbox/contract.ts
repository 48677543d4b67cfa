// The sandbox's own reading of docs/marketplace-api.md (and the ministry's
// published facts behind it): the bodies the Marketplace accepts and the
// errors it answers, written from the page, not from the client. It imports
// nothing of electron/main/marketplace/ or shared/ (a lint rule checks), so a
// wrong change to the client's wire.ts is refused here instead of being
// agreed with: the sandbox is a second opinion, not the client's echo.
// The messages are the ones the app has always shown for these refusals.
import { z } from 'zod';

/** The Class Offering API's 20 standards, as the ministry lists them. */
export const CLASS_STANDARD_KEYS = [
  'WAH-E-B',
  'WAH-E-I',
  'WAH-F-I',
  'WAH-Refr-E-I',
  'WAH-Refr-E-B',
  'WAH-Refr-F-I',
  'JHSC-2014-1-E-B',
  'JHSC-2014-1-E-I',
  'JHSC-2014-1-E-V',
  'JHSC-2014-2-E-I',
  'JHSC-2014-2-E-V',
  'JHSC-2014-1-F-I',
  'JHSC-2014-1-F-V',
  'JHSC-2014-2-F-I',
  'JHSC-2014-2-F-V',
  'JHSC-2014-Refr-E-I',
  'JHSC-2014-Refr-E-V',
  'JHSC-2014-Refr-F-V',
  'JHSC-1996-1-E-I',
  'JHSC-1996-2-E-I',
] as const;
/** The Online Offering API's 2 standards. */
export const ONLINE_STANDARD_KEYS = ['JHSC-2014-1-E-O', 'JHSC-2014-1-F-O'] as const;
/** A learning record may name any of the 22. */
export const STANDARD_KEYS = [...CLASS_STANDARD_KEYS, ...ONLINE_STANDARD_KEYS] as const;
export type StandardKey = (typeof STANDARD_KEYS)[number];

const notOneOf = (what: string) => (issue: { input?: unknown }) =>
  `${typeof issue.input === 'string' ? `“${issue.input.slice(0, 40)}”` : 'This value'} is not one of the ${what}.`;
const ClassStandard = z.enum(CLASS_STANDARD_KEYS, { error: notOneOf('20 Marketplace training standards for classes') });
const OnlineStandard = z.enum(ONLINE_STANDARD_KEYS, { error: notOneOf('2 Marketplace training standards for online offerings') });
const AnyStandard = z.enum(STANDARD_KEYS, { error: notOneOf('22 Marketplace training standards') });

const DELIVERY_METHODS = ['in-person', 'virtual', 'blended'] as const;
const Delivery = z.enum(DELIVERY_METHODS);
type Delivery = z.infer<typeof Delivery>;
/** "The final B/I/V is Blended, In-Person or Virtual." */
const DELIVERY_BY_LETTER: Record<string, Delivery> = { I: 'in-person', V: 'virtual', B: 'blended' };
const deliveryOf = (key: string): Delivery | undefined => DELIVERY_BY_LETTER[key.slice(-1)];

/** "string, `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`, chosen by us". */
const OFFERING_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A Canadian postal code: the letters Canada Post uses, with or without its space. */
const POSTAL_CODE = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i;
/** "ISO 8601 UTC with milliseconds" (`2018-11-21T22:38:15.000Z`). */
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Course duration in hours, at most this many. */
const MAX_COURSE_HOURS = 1000;

/** An https link with a host and no user name or password in it. */
function isHttps(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

const Timestamp = z.string().regex(ISO_UTC_MS, 'must be an ISO 8601 UTC timestamp with milliseconds').refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date');
const HttpsUrl = z.string().refine(isHttps, 'must be an https URL');

const Address = z
  .object({
    'street-address': z.string().min(1),
    'extended-address': z.string().optional(),
    locality: z.string().min(1),
    region: z.string().min(2).max(2),
    'postal-code': z.string().regex(POSTAL_CODE, 'must be a Canadian postal code'),
    'country-name': z.string().min(1),
  })
  .strict();

const Event = z
  .object({ start: Timestamp, end: Timestamp })
  .strict()
  .refine((e) => Date.parse(e.end) > Date.parse(e.start), { message: 'end must be after start', path: ['end'] });

const Price = z.number().min(0);
const classFields = {
  offeringId: z.string().regex(OFFERING_ID),
  trainingStandardKey: ClassStandard,
  deliveryMethod: Delivery,
  courseName: z.string().min(1).max(300),
  seatsRemaining: z.number().int().min(0),
  contactForPricing: z.boolean(),
  price: Price.optional(),
  address: Address.optional(),
  events: z.array(Event).min(1),
  externalRegistrationUrl: HttpsUrl,
  virtualClassUrl: HttpsUrl.optional(),
};
type ClassShape = z.infer<z.ZodObject<typeof classFields>>;

function priceRule(o: { contactForPricing: boolean; price?: number | undefined }, ctx: z.RefinementCtx): void {
  if (!o.contactForPricing && o.price === undefined) ctx.addIssue({ code: 'custom', path: ['price'], message: 'is required unless contactForPricing is true' });
}

/** "deliveryMethod … must agree with the key's last letter. In-person and blended classes need an address; virtual classes need a virtualClassUrl." */
function classRules(o: ClassShape, ctx: z.RefinementCtx): void {
  const expected = deliveryOf(o.trainingStandardKey);
  if (o.deliveryMethod !== expected) ctx.addIssue({ code: 'custom', path: ['deliveryMethod'], message: `must be ${expected} for ${o.trainingStandardKey}` });
  if (o.deliveryMethod !== 'virtual' && !o.address) ctx.addIssue({ code: 'custom', path: ['address'], message: `is required for ${o.deliveryMethod} classes` });
  if (o.deliveryMethod === 'virtual' && !o.virtualClassUrl) ctx.addIssue({ code: 'custom', path: ['virtualClassUrl'], message: 'is required for virtual classes' });
  priceRule(o, ctx);
}

export const ClassOffering = z.object(classFields).strict().superRefine(classRules);
export type ClassOffering = z.infer<typeof ClassOffering>;

const onlineFields = {
  offeringId: classFields.offeringId,
  trainingStandardKey: OnlineStandard,
  courseName: classFields.courseName,
  courseDuration: z.number().positive().max(MAX_COURSE_HOURS),
  contactForPricing: z.boolean(),
  price: Price.optional(),
  externalRegistrationUrl: HttpsUrl,
};
export const OnlineOffering = z.object(onlineFields).strict().superRefine(priceRule);
export type OnlineOffering = z.infer<typeof OnlineOffering>;
export type Listing = ClassOffering | OnlineOffering;

/** Which collection an offering lives in. */
export type Resource = 'class' | 'online';

/** "Every request must include the provider's networkKey." */
export const NetworkKey = z.string().min(1, 'networkKey is required');

/** What an add's body must be: the network API adds the key; the gateway's bodies carry none. */
export const addBody = (resource: Resource, withKey: boolean) => {
  const fields = resource === 'online' ? onlineFields : classFields;
  const shape = withKey ? { networkKey: NetworkKey, ...fields } : fields;
  return resource === 'online' ? z.object(shape).strict().superRefine(priceRule) : z.object(shape).strict().superRefine((o, ctx) => classRules(o as ClassShape, ctx));
};

// A patch names only the fields that change (`offeringId` is in the path); an
// optional field sent as null means "remove".
const classPatchFields = {
  trainingStandardKey: ClassStandard.optional(),
  deliveryMethod: Delivery.optional(),
  courseName: classFields.courseName.optional(),
  seatsRemaining: classFields.seatsRemaining.optional(),
  contactForPricing: z.boolean().optional(),
  price: Price.nullable().optional(),
  address: Address.nullable().optional(),
  events: classFields.events.optional(),
  externalRegistrationUrl: HttpsUrl.optional(),
  virtualClassUrl: HttpsUrl.nullable().optional(),
};
const onlinePatchFields = {
  trainingStandardKey: OnlineStandard.optional(),
  courseName: onlineFields.courseName.optional(),
  courseDuration: onlineFields.courseDuration.optional(),
  contactForPricing: z.boolean().optional(),
  price: Price.nullable().optional(),
  externalRegistrationUrl: HttpsUrl.optional(),
};
export const patchBody = (resource: Resource, withKey: boolean) => {
  const fields = resource === 'online' ? onlinePatchFields : classPatchFields;
  return z.object(withKey ? { networkKey: NetworkKey, ...fields } : fields).strict();
};

/** A patch applied to what is held, and the result checked against the whole contract of its kind. */
export function applyPatch(resource: Resource, current: Listing, patch: Record<string, unknown>) {
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete merged[k];
    else if (v !== undefined) merged[k] = v;
  }
  return resource === 'online' ? OnlineOffering.safeParse(merged) : ClassOffering.safeParse(merged);
}

// A learning record, from the page's example and field table.
const Text = (max: number) => z.string().trim().min(1).max(max);
const Phone = z.string().regex(/^[0-9+().\s-]{7,30}$/, 'must be a phone number');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** "a year only (1900 to this year − 14)". */
const MIN_BIRTH_YEAR = 1900;
const MIN_AGE = 14;

const Learner = z
  .object({
    uniqueId: z.string().regex(OFFERING_ID, 'must be 1–64 letters, digits, dots, dashes or underscores'),
    firstname: Text(100),
    lastname: Text(100),
    personalEmail: z
      .string()
      .max(254)
      .refine((v) => EMAIL.test(v.trim()), 'must be an email address'),
    birthYear: z
      .number()
      .int('must be a year such as 1995')
      .min(MIN_BIRTH_YEAR)
      .refine((y) => y <= new Date().getUTCFullYear() - MIN_AGE, 'is too recent for a worker'),
    mobilePhone: Phone.optional(),
    homePhone: Phone.optional(),
    address: Address.optional(),
  })
  .strict();

export const LearningRecord = z
  .object({
    learningRecordId: z.uuid(),
    trainingStandardKey: AnyStandard,
    completionDate: z.string().regex(ISO_UTC_MS, 'must be an ISO 8601 UTC timestamp with milliseconds'),
    externalClassId: z.string().regex(OFFERING_ID),
    instructorNames: Text(1000),
    evaluatorNames: Text(1000),
    learner: Learner,
  })
  .strict();
export type LearningRecord = z.infer<typeof LearningRecord>;

/** "code one of general, forbidden, internal, invalid, notFound, unauthorized, unknown". */
export type ErrorCode = 'general' | 'forbidden' | 'internal' | 'invalid' | 'notFound' | 'unauthorized' | 'unknown';
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: { path: string; message: string }[];
}
