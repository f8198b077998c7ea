/**
 * Cells that hold the same quantity in two versions of one report type. Each version names its
 * own cells; a template's `bridges:` says which of its cells mean what another version's cells
 * mean. Nothing is compared across a format change unless a bridge says so.
 */
import type { Template, TemplateBridge } from '../schema/template.ts';
import { eachCombination, substitute } from './rules.ts';

/** A bridge's `metrics`, with placeholders expanded: this version's id → the other version's id. */
export function bridgePairs(bridge: TemplateBridge): [string, string][] {
  return eachCombination(bridge.each).flatMap((combo) =>
    Object.entries(bridge.metrics).map(([from, to]): [string, string] => [substitute(from, combo), substitute(to, combo)]),
  );
}

const maps = new WeakMap<Template, Map<string, Map<string, string>>>();

/** `from`'s bridges to version `to`, as one map (this version's id → that version's id). */
function bridgeMap(from: Template, to: string): Map<string, string> {
  let byVersion = maps.get(from);
  if (!byVersion) maps.set(from, (byVersion = new Map()));
  let map = byVersion.get(to);
  if (!map) {
    map = new Map(from.bridges.filter((b) => b.version === to).flatMap(bridgePairs));
    byVersion.set(to, map);
  }
  return map;
}

/**
 * Translates the id of a template cell of `from` into the id of the cell of `to` that holds the
 * same quantity, or undefined when no bridge says there is one. Within one version every id is
 * itself; between types there is nothing to translate. A bridge may be written in either version.
 */
export function translateCell(from: Template, to: Template, id: string): string | undefined {
  if (from.id !== to.id) return undefined;
  if (from.version === to.version) return id;
  const forward = bridgeMap(from, to.version).get(id);
  if (forward !== undefined) return forward;
  for (const [theirs, ours] of bridgeMap(to, from.version)) if (ours === id) return theirs;
  return undefined;
}

/** Every cell id a template's tables define (`table.row.column`). */
export function templateCellIds(template: Template): Set<string> {
  const ids = new Set<string>();
  for (const t of template.tables) for (const r of t.rows) if (!r.group) for (const c of t.columns) ids.add(`${t.id}.${r.id}.${c.id}`);
  return ids;
}
