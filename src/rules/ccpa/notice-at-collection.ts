/** A system collects a category that no notice of that system discloses with purposes and retention. */
import type { Notice } from '../../data-map/types.js';
import { defineRule } from '../define.js';
import { categoryList, isPlural, listCovers, mapEntryOf, systemName } from '../evidence.js';
import type { RuleReport } from '../types.js';

/** §1798.100(a)(1)–(3): categories, purposes and retention; a privacy_policy counts per §7012(f). */
const AT_COLLECTION: ReadonlySet<Notice['type']> = new Set(['notice_at_collection', 'privacy_policy']);

function complete(notice: Notice): boolean {
  return notice.discloses.purposes.length > 0 && notice.discloses.retention;
}

function missingParts(notice: Notice): string {
  const parts = [notice.discloses.purposes.length === 0 ? 'purposes' : '', notice.discloses.retention ? '' : 'retention'];
  return parts.filter((p) => p !== '').join(' or ');
}

export const noticeAtCollection = defineRule({
  id: 'ccpa/notice-at-collection',
  defaultSeverity: 'error',
  title: 'A collected category has no notice at collection',
  citation: 'Cal. Civ. Code §1798.100(a)(1)–(3); 11 CCR §7012',
  description: "A system collects a category that no notice listed in the system's notices discloses together with purposes and retention.",
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    for (const system of ctx.map.systems) {
      const sent = ctx.flows.filter((f) => f.from === system.id).flatMap((f) => f.categories);
      const collected = [...new Set([...system.collects, ...sent])].sort();
      if (collected.length === 0) continue;
      const notices = system.notices
        .map((id) => ctx.map.notices.find((n) => n.id === id))
        .filter((n): n is Notice => n !== undefined && AT_COLLECTION.has(n.type));
      const name = systemName(ctx, system.id);
      if (notices.length === 0) {
        reports.push({
          level: 'full',
          message:
            `${name} collects ${categoryList(collected, 6)} but lists no notice at collection or privacy policy in its notices; ` +
            `add a notice that discloses these categories, their purposes and retention`,
          mapEntry: mapEntryOf(system, `${system.path}.notices`),
          system: system.id,
        });
        continue;
      }
      const disclosedIn = (key: string, candidates: readonly Notice[]) =>
        candidates.some((n) => listCovers(ctx.taxonomy, n.discloses.collected, key));
      const undisclosed = collected.filter((key) => !disclosedIn(key, notices.filter(complete)));
      if (undisclosed.length === 0) continue;
      const incomplete = notices.filter((n) => !complete(n) && undisclosed.some((key) => disclosedIn(key, [n])));
      const why = incomplete.length > 0
        ? `; ${incomplete.map((n) => `${n.id} lists some of them but gives no ${missingParts(n)}`).join('; ')}`
        : '';
      reports.push({
        level: 'full',
        message:
          `${name} collects ${categoryList(undisclosed, 6)} but no notice it lists discloses ${isPlural(undisclosed) ? 'them' : 'it'} with purposes and retention` +
          `${why}; add ${undisclosed.join(', ')} to a notice's discloses.collected with purposes and retention`,
        mapEntry: mapEntryOf(system, `${system.path}.notices`),
        system: system.id,
      });
    }
    return reports;
  },
});
