// The columns of a schedule file: what Export CSV writes and what a schedule
// import reads back, in this order. One row per class day (several rows with
// the same offering ID are one class); an online course is one row without dates.
export const SCHEDULE_COLUMNS = [
  'Offering ID',
  'Course name',
  'Training standard',
  'Date',
  'Start',
  'End',
  'Seats remaining',
  'Price',
  'Contact for pricing',
  'Street address',
  'Apartment or unit',
  'City',
  'Province',
  'Postal code',
  'Registration URL',
  'Virtual class URL',
  'Course duration (hours)',
  'Already listed on the Marketplace',
] as const;

/** Yes/no cells, as the export writes them. */
export const YES = 'yes';
export const NO = 'no';

/** Fields a schedule column can fill; `date` columns are listed apart (one or several). */
export const SCHEDULE_FIELDS = [
  'offeringId',
  'courseName',
  'standard',
  'delivery',
  'language',
  'start',
  'end',
  'seats',
  'price',
  'contactForPricing',
  'street',
  'extended',
  'city',
  'province',
  'postalCode',
  'registrationUrl',
  'virtualClassUrl',
  'courseDuration',
  'listed',
] as const;
export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];
