// The signature of a Mattermost button: over the person, week and choice, the owner who opened the form, and the
// programme in a deployment of several; no field may stand in for another.
import { describe, expect, it } from 'vitest';
import { type ActionContext, ContextSigner, readContext } from '../../src/platforms/mattermost/signing.ts';

const signer = new ContextSigner('bot-token');

function signed(fields: Omit<ActionContext, 'sig' | 'form' | 'locale'>): ActionContext {
  const sig = signer.sign(fields.person, fields.week, fields.choice, fields.by, fields.programme);
  return { ...fields, form: 'prompt', locale: 'fr', sig };
}

describe('Mattermost button contexts', () => {
  it('binds the programme a button was made for', () => {
    const button = signed({ person: 'lea', week: '2026-W48', choice: '1', programme: 'reunion' });
    expect(signer.verify(button)).toBe(true);
    expect(signer.verify({ ...button, programme: 'hdf' })).toBe(false);
    const { programme: _, ...unnamed } = button;
    expect(signer.verify(unnamed)).toBe(false);
  });

  it('never takes an owner for a programme, nor a programme for an owner', () => {
    const owners = signed({ person: 'lea', week: '2026-W48', choice: '1', by: 'reunion' });
    const { by: _, ...rest } = owners;
    expect(signer.verify({ ...rest, programme: 'reunion' })).toBe(false);
    const programmes = signed({ person: 'lea', week: '2026-W48', choice: '1', programme: 'claire' });
    const { programme: __, ...other } = programmes;
    expect(signer.verify({ ...other, by: 'claire' })).toBe(false);
  });

  it('reads the programme as given, and refuses an empty one', () => {
    const base = { person: 'lea', week: '2026-W48', choice: '1', form: 'prompt', locale: 'fr', sig: 'x' };
    expect(readContext({ ...base, programme: 'reunion' })?.programme).toBe('reunion');
    expect(readContext({ ...base, programme: '' })).toBeNull();
    expect(readContext({ ...base, programme: 7 })).toBeNull();
  });
});
