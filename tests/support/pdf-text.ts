// A PDF read back as a reader would: pdf.js (Mozilla's maintained parser, its
// legacy build for Node) gives each page's size and the text drawn on it.
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

// pdf.js 6 expects Promise.withResolvers (Node 22); Node 20 lacks it.
const withResolvers = Promise as unknown as { withResolvers?: () => unknown };
withResolvers.withResolvers ??= <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
};

export interface PdfPage {
  width: number;
  height: number;
  /** Every run of text with where it starts and how wide it is, in points from the bottom left. */
  items: { str: string; x: number; y: number; width: number }[];
  /** The page's text, its runs joined by spaces. */
  text: string;
}

export async function readPdf(bytes: Uint8Array): Promise<{ pages: PdfPage[]; fonts: string[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  const fonts = new Set<string>();
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items = (content.items as TextItem[]).filter((i) => 'str' in i && i.str !== '').map((i) => ({ str: i.str, x: i.transform[4] as number, y: i.transform[5] as number, width: i.width }));
    for (const style of Object.values(content.styles)) fonts.add(style.fontFamily);
    pages.push({ width, height, items, text: items.map((i) => i.str).join(' ') });
  }
  await pdf.cleanup();
  return { pages, fonts: [...fonts] };
}
