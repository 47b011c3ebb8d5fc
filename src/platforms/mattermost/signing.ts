// Mattermost sends button clicks and dialog submissions with no signature of its own. Each button therefore carries
// a secret only the bot can produce: an HMAC over the person, the week and the choice — and, on a form an owner opened
// for someone else, that owner; in a deployment of several programmes, the programme — keyed by a secret derived from the bot token (so it survives restarts and needs no
// storage). Slash commands are checked against the tokens
// Mattermost gave the commands the bot registered.
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What a check-in button or the comment dialog carries back to the bot. */
export interface ActionContext {
  /** Programme id of the intrapreneur the check-in belongs to. */
  person: string;
  week: string;
  /** `0`, `0.5`, `1`, `1.5`, `2`, `leave`, `yes`, `no` or `comment`. */
  choice: string;
  /** `prompt`: the weekly direct message, updated in place; `checkin`: the ephemeral `/checkin` form. */
  form: 'prompt' | 'checkin';
  /** Programme id of the owner who opened `person`'s check-in (`/checkin @alice`): the one allowed to click. */
  by?: string;
  /**
   * The programme's key, when the deployment serves several: the click is handled in that programme, and only there
   * (a person's id in one file may be someone else's in another).
   */
  programme?: string;
  locale: string;
  sig: string;
}

function equalInConstantTime(a: string, b: string): boolean {
  // Hashing first makes both sides the same length, so the comparison time says nothing about either.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * A context's fields if each has the type and form the bot gave it (the unsigned `form` and `locale` too); null for
 * anything else. `extra` names the other fields allowed (the dialog's state carries the post id).
 */
export function readContext(value: unknown, extra: readonly string[] = []): ActionContext | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const c = value as Record<string, unknown>;
  const known = ['person', 'week', 'choice', 'form', 'by', 'programme', 'locale', 'sig', ...extra];
  if (!Object.keys(c).every((k) => known.includes(k))) return null;
  if (!Object.values(c).every((v) => typeof v === 'string')) return null;
  const { person, week, choice, form, by, programme, locale, sig } = c as Record<string, string | undefined>;
  if (!person || !week || !choice) return null;
  if (form !== 'prompt' && form !== 'checkin') return null;
  if (by === '' || programme === '') return null;
  if (locale !== undefined && locale !== 'fr' && locale !== 'en') return null;
  // No signature is a well-formed context that `verify` refuses: unsigned, not malformed.
  return {
    person,
    week,
    choice,
    form,
    ...(by ? { by } : {}),
    ...(programme ? { programme } : {}),
    locale: locale ?? '',
    sig: sig ?? '',
  };
}

export class ContextSigner {
  private readonly key: Buffer;

  constructor(botToken: string) {
    this.key = Buffer.from(
      hkdfSync('sha256', botToken, 'coaching-bot', 'mattermost interactive context v1', 32),
    );
  }

  /**
   * Signs exactly these fields; `by` (an owner's form for someone else) is signed only when there is one, and
   * `programme` only in a deployment of several (then in fifth place, `by` or null fourth, so that neither can pass
   * for the other).
   */
  sign(person: string, week: string, choice: string, by?: string, programme?: string): string {
    const fields =
      programme !== undefined
        ? [person, week, choice, by ?? null, programme]
        : by === undefined
          ? [person, week, choice]
          : [person, week, choice, by];
    return createHmac('sha256', this.key).update(JSON.stringify(fields)).digest('base64url');
  }

  /**
   * Whether the context (read by `readContext`) carries the bot's signature for exactly this person, week and
   * choice — and owner, on a form an owner opened for someone else, and programme, when it names one.
   */
  verify(context: ActionContext): boolean {
    const { person, week, choice, by, programme } = context;
    return (
      context.sig !== '' && equalInConstantTime(context.sig, this.sign(person, week, choice, by, programme))
    );
  }
}

/** The tokens of the slash commands the bot registered, by trigger. */
export class CommandTokens {
  private tokens = new Map<string, string>();

  set(trigger: string, token: string): void {
    this.tokens.set(trigger, token);
  }

  clear(): void {
    this.tokens.clear();
  }

  get size(): number {
    return this.tokens.size;
  }

  /** The trigger whose token this is, comparing against every token so that timing reveals nothing. */
  triggerOf(token: string | null | undefined): string | undefined {
    if (!token) return undefined;
    let found: string | undefined;
    for (const [trigger, known] of this.tokens) {
      if (equalInConstantTime(token, known) && found === undefined) found = trigger;
    }
    return found;
  }
}
