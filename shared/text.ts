// Text compared the way people read it: case and accents aside.

/** Lower case without accents: "Sécurité" sorts and matches as "securite". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** A column heading reduced to its letters and digits: "Lien d’inscription" → "liendinscription". */
export function foldHeading(text: string): string {
  return fold(text).replace(/[^a-z0-9]/g, '');
}
