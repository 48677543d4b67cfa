// The one owner of the templates table.
import type { Db } from './open';

export interface TemplateRow {
  id: string;
  name: string;
  body: string;
}

export function createTemplatesStore(db: Db) {
  const all = db.prepare<[], TemplateRow>('SELECT id, name, body FROM templates ORDER BY name COLLATE NOCASE');
  const one = db.prepare<[string], TemplateRow>('SELECT id, name, body FROM templates WHERE id = ?');
  const byName = db.prepare<[string], TemplateRow>('SELECT id, name, body FROM templates WHERE name = ?');
  const insert = db.prepare('INSERT INTO templates (id, name, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE templates SET name = ?, body = ?, updated_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM templates WHERE id = ?');
  return {
    all: () => all.all(),
    get: (id: string) => one.get(id),
    byName: (name: string) => byName.get(name),
    insert: (id: string, name: string, body: string, now: string) => void insert.run(id, name, body, now, now),
    update: (id: string, name: string, body: string, now: string) => void update.run(name, body, now, id),
    remove: (id: string) => remove.run(id).changes === 1,
  };
}

export type TemplatesStore = ReturnType<typeof createTemplatesStore>;
