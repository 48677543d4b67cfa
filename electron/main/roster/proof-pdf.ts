// Draws proofs of completion: one page per learner, in the class's language,
// with every element of the WAH Training Provider Standard's section 3.7.1
// (see docs/program-rules.md, "Proof of completion") and no expiry date. The
// font ships with the app (Adobe's Source Sans 3, OFL, an npm dependency) and
// its subset is embedded, so accents print whatever the computer has. Drawn
// on Letter inside margins that also fit A4's narrower page, so it prints on
// either. (Noto Sans was tried first: fontkit's subset of it drew blanks.)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import en from '../../../shared/locales/en.json';
import fr from '../../../shared/locales/fr.json';
import type { LanguageCode } from '../../../shared/app-rules';
import type { ProviderProfile } from '../../../shared/provider-profile';

/** US Letter, in points. */
export const PAGE = { width: 612, height: 792 } as const;
/** Everything is drawn inside this box: A4 (595 × 842) printed at actual size keeps it all, with margins. */
export const CONTENT = { left: 54, right: 558, top: 738, bottom: 54 } as const;

const FONT_FILES = {
  regular: 'source-sans/TTF/SourceSans3-Regular.ttf',
  bold: 'source-sans/TTF/SourceSans3-Bold.ttf',
} as const;

let fontBytes: { regular: Buffer; bold: Buffer } | null = null;
/** The shipped font files, read once (inside the app's archive when packaged). */
function fonts(): { regular: Buffer; bold: Buffer } {
  if (fontBytes) return fontBytes;
  const resolve = createRequire(import.meta.url).resolve;
  fontBytes = { regular: fs.readFileSync(resolve(FONT_FILES.regular)), bold: fs.readFileSync(resolve(FONT_FILES.bold)) };
  return fontBytes;
}

export type ProofTexts = typeof en.proofPdf;
const TEXTS: Record<LanguageCode, ProofTexts> = { en: en.proofPdf, fr: fr.proofPdf };

export function proofTexts(language: LanguageCode): ProofTexts {
  return TEXTS[language];
}

const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

/** A calendar date (`2027-04-15`) written out: "April 15, 2027", "15 avril 2027". */
export function longDate(language: LanguageCode, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(`${language}-CA`, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** What one class's proofs say besides the learner. */
export interface ProofClass {
  language: LanguageCode;
  courseName: string;
  /** The standard's label in the class's language, with its key: "Working at Heights – full course (WAH-E-I)". */
  standardLabel: string;
  programId: string;
  /** WAH only: the modules the program covers (full course or refresher); null for JHSC. */
  modules: 'wah' | 'wah-refresher' | null;
  /** The class's days, in order; the last is the date of successful completion. */
  days: string[];
  instructors: string[];
  evaluators: string[];
  /** Today in Ontario. */
  issuedOn: string;
}

export interface ProofLearner {
  name: string;
  learnerId: string;
}

const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.35, 0.35, 0.4);
const RULE = rgb(0.6, 0.6, 0.65);

interface Faces {
  regular: PDFFont;
  bold: PDFFont;
}

/** Words laid into lines no wider than `width` (a word longer than a line is cut where it must be). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    const tried = line === '' ? word : `${line} ${word}`;
    if (font.widthOfTextAtSize(tried, size) <= width) {
      line = tried;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The largest size up to `max` (down to `min`) at which `text` fits `width` on one line. */
function fitting(text: string, font: PDFFont, max: number, min: number, width: number): number {
  let size = max;
  while (size > min && font.widthOfTextAtSize(text, size) > width) size -= 0.5;
  return size;
}

function centred(page: PDFPage, text: string, font: PDFFont, size: number, y: number, color = INK): void {
  const width = CONTENT.right - CONTENT.left;
  page.drawText(text, { x: CONTENT.left + (width - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color });
}

function rightAligned(page: PDFPage, text: string, font: PDFFont, size: number, y: number, color = INK): void {
  page.drawText(text, { x: CONTENT.right - font.widthOfTextAtSize(text, size), y, size, font, color });
}

/** The letterhead: the logo on the left (if any), the provider's name, address, telephone and ID on the right. Returns the y below it. */
function letterhead(page: PDFPage, f: Faces, t: ProofTexts, profile: ProviderProfile, logo: PDFImage | null): number {
  let y = CONTENT.top;
  const blockWidth = logo ? 300 : CONTENT.right - CONTENT.left;
  const a = profile.address;
  const lines: { text: string; font: PDFFont; size: number }[] = [
    ...wrap(profile.legalName, f.bold, 13, blockWidth).map((text) => ({ text, font: f.bold, size: 13 })),
    ...[a.extended ? `${a.street}, ${a.extended}` : a.street, `${a.city} (${a.province}) ${a.postalCode}`, fill(t.phone, { phone: profile.phone }), `${t.providerId} ${profile.providerId}`]
      .flatMap((line) => wrap(line, f.regular, 9.5, blockWidth))
      .map((text) => ({ text, font: f.regular, size: 9.5 })),
  ];
  let textY = y - 13;
  for (const line of lines) {
    rightAligned(page, line.text, line.font, line.size, textY, line.font === f.bold ? INK : MUTED);
    textY -= line.size + 4;
  }
  let logoBottom = y;
  if (logo) {
    const scale = Math.min(150 / logo.width, 64 / logo.height, 1);
    const w = logo.width * scale;
    const h = logo.height * scale;
    page.drawImage(logo, { x: CONTENT.left, y: y - h, width: w, height: h });
    logoBottom = y - h;
  }
  y = Math.min(textY + 4, logoBottom) - 12;
  page.drawLine({ start: { x: CONTENT.left, y }, end: { x: CONTENT.right, y }, thickness: 0.75, color: RULE });
  return y;
}

/** One learner's page. */
function drawPage(page: PDFPage, f: Faces, t: ProofTexts, profile: ProviderProfile, logo: PDFImage | null, c: ProofClass, learner: ProofLearner): void {
  const width = CONTENT.right - CONTENT.left;
  let y = letterhead(page, f, t, profile, logo) - 46;
  centred(page, t.title, f.bold, 24, y);
  y -= 34;
  centred(page, t.confirms, f.regular, 11, y, MUTED);
  y -= 32;
  const nameSize = fitting(learner.name, f.bold, 22, 12, width);
  for (const line of wrap(learner.name, f.bold, nameSize, width)) {
    centred(page, line, f.bold, nameSize, y);
    y -= nameSize + 6;
  }
  y -= 6;
  centred(page, t.completed, f.regular, 11, y, MUTED);
  y -= 26;
  for (const line of wrap(c.courseName, f.bold, 15, width)) {
    centred(page, line, f.bold, 15, y);
    y -= 21;
  }
  y -= 16;

  const last = c.days.at(-1)!;
  const rows: [string, string][] = [
    [t.programId, c.programId],
    [t.standard, c.standardLabel],
    ...(c.modules ? [[t.modules, c.modules === 'wah' ? t.modulesWah : t.modulesWahRefresher] as [string, string]] : []),
    [t.completionDate, longDate(c.language, last)],
    [t.classDays, c.days.map((d) => longDate(c.language, d)).join(' · ')],
    [t.language, t.languageName[c.language]],
    [t.instructors, c.instructors.join(', ')],
    [t.evaluators, c.evaluators.join(', ') || '—'],
    [t.provider, profile.legalName],
    [t.providerId, profile.providerId],
    [t.learnerId, learner.learnerId],
  ];
  const labelWidth = 180;
  const valueX = CONTENT.left + labelWidth + 12;
  const valueWidth = CONTENT.right - valueX;
  for (const [label, value] of rows) {
    const labelLines = wrap(label, f.regular, 9.5, labelWidth);
    const valueLines = wrap(value, f.bold, 10.5, valueWidth);
    labelLines.forEach((line, i) => page.drawText(line, { x: CONTENT.left, y: y - i * 13, size: 9.5, font: f.regular, color: MUTED }));
    valueLines.forEach((line, i) => page.drawText(line, { x: valueX, y: y - i * 14, size: 10.5, font: f.bold, color: INK }));
    y -= Math.max(labelLines.length * 13, valueLines.length * 14) + 7;
  }

  // The signature block sits at the foot of the content box, whatever the rows above took.
  const lineY = CONTENT.bottom + 70;
  page.drawLine({ start: { x: CONTENT.left, y: lineY }, end: { x: CONTENT.left + 240, y: lineY }, thickness: 0.75, color: INK });
  page.drawText(t.signature, { x: CONTENT.left, y: lineY + 6, size: 7.5, font: f.regular, color: MUTED });
  page.drawText(profile.signerName, { x: CONTENT.left, y: lineY - 15, size: 10.5, font: f.bold, color: INK });
  for (const [i, line] of wrap(profile.signerTitle, f.regular, 9.5, 240).slice(0, 2).entries()) page.drawText(line, { x: CONTENT.left, y: lineY - 29 - i * 12, size: 9.5, font: f.regular, color: MUTED });
  rightAligned(page, fill(t.issued, { date: longDate(c.language, c.issuedOn) }), f.regular, 9.5, lineY - 15, MUTED);
}

/** One PDF, a page per learner, in the order given. */
export async function drawProofs(profile: ProviderProfile, c: ProofClass, learners: readonly ProofLearner[]): Promise<Uint8Array> {
  const t = proofTexts(c.language);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const bytes = fonts();
  const f: Faces = { regular: await doc.embedFont(bytes.regular, { subset: true }), bold: await doc.embedFont(bytes.bold, { subset: true }) };
  const logo = profile.logo ? await (profile.logo.type === 'image/png' ? doc.embedPng(Buffer.from(profile.logo.data, 'base64')) : doc.embedJpg(Buffer.from(profile.logo.data, 'base64'))) : null;
  doc.setTitle(`${t.title} — ${c.courseName}`);
  doc.setAuthor(profile.legalName);
  doc.setCreator('Offering Desk');
  doc.setProducer('Offering Desk');
  doc.setLanguage(`${c.language}-CA`);
  for (const learner of learners) drawPage(doc.addPage([PAGE.width, PAGE.height]), f, t, profile, logo, c, learner);
  return doc.save();
}
