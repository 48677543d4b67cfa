// Maps a request path to a file of the built renderer, for both the app://
// protocol and the web bridge. A path that does not decode, or that points
// outside the renderer folder, is answered without touching the disk.
import path from 'node:path';

export type RendererFile = { ok: true; file: string } | { ok: false; status: 400 | 404 };

/** decodeURIComponent that answers null instead of throwing on a bad escape such as `%E0%A4%A`. */
export function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

export function rendererFileFor(rendererDir: string, pathname: string): RendererFile {
  const decoded = safeDecode(pathname === '/' ? '/index.html' : pathname);
  if (decoded === null || decoded.includes('\0')) return { ok: false, status: 400 };
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${decoded}`);
  return file.startsWith(root + path.sep) ? { ok: true, file } : { ok: false, status: 404 };
}
