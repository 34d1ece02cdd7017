/**
 * Who is on the board and who edits which note, from awareness. Only `state.user` counts for identity:
 * the server stamps it on every state, so nobody can pose as someone else.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceState, PresenceUser } from '../../../shared/protocol.js';
import { FrameScheduledController } from './frame-scheduled-controller.js';

/** One person on the board (several tabs of the same member count once). */
export interface PresentPerson extends PresenceUser {
  /** this browser tab's own member */
  self: boolean;
}

const PRESENCE_ROLES: readonly string[] = ['customer', 'stakeholder', 'facilitator', 'projector'];

function isPresenceUser(value: unknown): value is PresenceUser {
  if (typeof value !== 'object' || value === null) return false;
  const user = value as Record<string, unknown>;
  return (
    typeof user.memberId === 'string' &&
    typeof user.name === 'string' &&
    typeof user.role === 'string' &&
    PRESENCE_ROLES.includes(user.role) &&
    typeof user.department === 'string'
  );
}

/** People on the board and who edits which note, re-read after each batch of awareness changes. */
export class PresenceController {
  /** People on the board, self first, then by name. */
  people: PresentPerson[] = [];
  /** noteId -> names of the other people editing it */
  editing = new Map<string, string[]>();

  constructor(
    host: ReactiveControllerHost,
    private readonly awareness: Awareness,
    /** this tab's own identity (our own state carries no server stamp locally) */
    private readonly self: PresenceUser | undefined,
  ) {
    const subscribe = (onChange: () => void) => {
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    };
    new FrameScheduledController(host, subscribe, () => this.read());
  }

  private read(): void {
    const people = new Map<string, PresentPerson>();
    const editing = new Map<string, string[]>();
    if (this.self) people.set(this.self.memberId, { ...this.self, self: true });
    this.awareness.getStates().forEach((raw, clientId) => {
      if (clientId === this.awareness.clientID) return;
      const state = raw as PresenceState;
      if (!isPresenceUser(state.user)) return;
      const user = state.user;
      const key = user.role === 'projector' ? `projector:${clientId}` : user.memberId;
      if (!people.has(key)) people.set(key, { ...user, self: user.memberId === this.self?.memberId && user.role !== 'projector' });
      if (typeof state.editing === 'string' && user.memberId !== this.self?.memberId) {
        const names = editing.get(state.editing) ?? [];
        if (!names.includes(user.name)) names.push(user.name);
        editing.set(state.editing, names);
      }
    });
    this.people = [...people.values()].sort((a, b) => (a.self !== b.self ? (a.self ? -1 : 1) : a.name.localeCompare(b.name)));
    this.editing = editing;
  }
}
