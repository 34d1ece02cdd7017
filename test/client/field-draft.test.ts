import { describe, expect, it } from 'vitest';
import { FieldDraft } from '../../client/src/ui/field-draft.js';

describe('FieldDraft: an inline field writes only what the person changed', () => {
  it('writes nothing when the person only focused and left the field, whatever it shows', () => {
    const draft = new FieldDraft('Goals of Sam');
    // a field re-rendered empty after lock/unlock, or showing a stale value: leaving it writes nothing
    expect(draft.take('')).toBeUndefined();
    expect(draft.take('an old value')).toBeUndefined();
  });

  it('writes what the person typed, once', () => {
    const draft = new FieldDraft('Sam');
    draft.markEdited();
    expect(draft.take('Samira')).toBe('Samira');
    expect(draft.take('Samira')).toBeUndefined();
  });

  it('writes an emptied field when the person cleared it', () => {
    const draft = new FieldDraft('Sam');
    draft.markEdited();
    expect(draft.take('')).toBe('');
  });

  it('writes nothing when the person typed back the stored value', () => {
    const draft = new FieldDraft('Sam');
    draft.markEdited();
    expect(draft.take('Sam')).toBeUndefined();
  });

  it('shows a value changed elsewhere unless the person is typing', () => {
    const draft = new FieldDraft('Sam');
    expect(draft.sync('Sam Lee')).toBe('Sam Lee');
    draft.markEdited();
    expect(draft.sync('Sam Lee-Park')).toBeUndefined();
    // the person's text wins when they leave the field, compared against the newest stored value
    expect(draft.take('Samuel')).toBe('Samuel');
    expect(draft.sync('Samuel')).toBe('Samuel');
  });

  it('discard forgets the typing and returns the newest stored value', () => {
    const draft = new FieldDraft('Sam');
    draft.markEdited();
    draft.sync('Sam Lee');
    expect(draft.discard()).toBe('Sam Lee');
    expect(draft.isEdited).toBe(false);
    expect(draft.take('whatever')).toBeUndefined();
  });
});
