// The app's rules for addresses, in one place: a link learners will follow is
// plain https; an address the app itself connects to (the Marketplace, the
// gateway and its token URL, the update feed) is https, or plain http to this
// computer (the tests' sandbox). Plain functions (no zod), so the window may use them.

/** This computer: the only host plain http may reach. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Why a parsed address is not a plain https one: another scheme, or a user name or password in it (a link would publish them). */
export function httpsProblem(url: URL): 'url.https' | 'url.credentials' | null {
  if (url.protocol !== 'https:' || url.hostname.length === 0) return 'url.https';
  if (url.username || url.password) return 'url.credentials';
  return null;
}

/** Why a link learners will follow is unusable, or null when it is a plain https address. */
export function linkProblem(value: string): 'url.https' | 'url.credentials' | 'url.control' | null {
  // The URL parser drops a line break inside an address without a word, so the link would be stored and
  // published with it: a CR/LF (or any control character) is refused, never silently mended.
  if (/[\u0000-\u001f\u007f]/.test(value.trim())) return 'url.control';
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'url.https';
  }
  return httpsProblem(url);
}

export function isHttpsUrl(value: string): boolean {
  return linkProblem(value) === null;
}

/**
 * Why an address the app connects to is refused, or null: not an address at
 * all; carrying a user name, password, query or fragment; or neither https
 * nor plain http to this computer.
 */
export function connectionUrlProblem(value: string): 'unreadable' | 'parts' | 'scheme' | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'unreadable';
  }
  if (url.username || url.password || url.search || url.hash) return 'parts';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return 'scheme';
}
