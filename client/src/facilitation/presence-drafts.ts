/** "Ana is writing 3 notes": the draft counts people publish in their presence during a silent brainstorm. */
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceState } from '../../../shared/protocol.js';

/** One person's draft count. */
export interface DraftCount {
  memberId: string;
  name: string;
  role: string;
  count: number;
}

/** Most drafts shown for one person (a private doc holds at most 200; anything else is a hostile value). */
const MAX_SHOWN = 200;

/** Draft counts of the members present (participants and facilitators), by name; several tabs count once (max). */
export function draftCounts(awareness: Awareness): DraftCount[] {
  const byMember = new Map<string, DraftCount>();
  awareness.getStates().forEach((raw) => {
    const state = raw as PresenceState;
    const user = state.user;
    if (!user || typeof user.memberId !== 'string' || typeof user.name !== 'string' || user.role === 'projector') return;
    const value = state.drafts;
    const count = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? Math.min(value, MAX_SHOWN) : 0;
    const current = byMember.get(user.memberId);
    if (!current || count > current.count) byMember.set(user.memberId, { memberId: user.memberId, name: user.name, role: user.role, count });
  });
  return [...byMember.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** "Ana is writing 3 notes". */
export function draftSentence(entry: DraftCount): string {
  if (entry.count === 0) return `${entry.name} has no private notes yet`;
  return `${entry.name} is writing ${entry.count} note${entry.count === 1 ? '' : 's'}`;
}
