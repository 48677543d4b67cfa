// The one owner of the templates and schedule_mappings tables: what the
// exchange remembers between files (course templates, column mappings).
import type { Db } from '../database/schema';

export interface TemplateRow {
  id: string;
  name: string;
  body: string;
}

export function createExchangeStore(db: Db) {
  const all = db.prepare<[], TemplateRow>('SELECT id, name, body FROM templates ORDER BY name COLLATE NOCASE');
  const one = db.prepare<[string], TemplateRow>('SELECT id, name, body FROM templates WHERE id = ?');
  const byName = db.prepare<[string], TemplateRow>('SELECT id, name, body FROM templates WHERE name = ?');
  const insert = db.prepare('INSERT INTO templates (id, name, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE templates SET name = ?, body = ?, updated_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM templates WHERE id = ?');
  const mappingGet = db.prepare<[string], { mapping: string }>('SELECT mapping FROM schedule_mappings WHERE headers = ?');
  const mappingSet = db.prepare('INSERT INTO schedule_mappings (headers, mapping) VALUES (?, ?) ON CONFLICT (headers) DO UPDATE SET mapping = excluded.mapping');
  return {
    scheduleMapping: (headers: string) => mappingGet.get(headers)?.mapping ?? null,
    saveScheduleMapping: (headers: string, mapping: string) => void mappingSet.run(headers, mapping),
    all: () => all.all(),
    get: (id: string) => one.get(id),
    byName: (name: string) => byName.get(name),
    insert: (id: string, name: string, body: string, now: string) => void insert.run(id, name, body, now, now),
    update: (id: string, name: string, body: string, now: string) => void update.run(name, body, now, id),
    remove: (id: string) => remove.run(id).changes === 1,
  };
}

export type ExchangeStore = ReturnType<typeof createExchangeStore>;
