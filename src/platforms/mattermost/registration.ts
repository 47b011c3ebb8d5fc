// `/coaching`, `/phase` and `/checkin` on the team, registered by the bot itself at each start: a command the bot
// made before is reused (its URL corrected when PUBLIC_URL changed), never made twice.
import type { Command } from '@mattermost/types/integrations';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import type { CommandName } from '../../app/commands.ts';
import type { Logger } from '../../core/ports.ts';
import type { Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { AccountError } from './account.ts';
import { type BotClient, MattermostApiError } from './client.ts';
import type { CommandTokens } from './signing.ts';

export const TRIGGERS: readonly CommandName[] = ['coaching', 'phase', 'checkin'];

export interface Registration {
  created: string[];
  corrected: string[];
  reused: string[];
}

function refusal(error: unknown, team: Team, me: UserProfile, locale: Locale): unknown {
  if (!(error instanceof MattermostApiError)) return error;
  const t = messages(locale).mattermost.start;
  if (error.status === 501) return new AccountError('commands_disabled', t.commandsDisabled, false);
  if (error.status === 403) {
    return new AccountError('commands_forbidden', t.commandsForbidden(team.name, me.username), false);
  }
  return error;
}

export async function registerCommands(options: {
  client: BotClient;
  me: UserProfile;
  team: Team;
  url: string;
  locale: Locale;
  tokens: CommandTokens;
  logger: Logger;
}): Promise<Registration> {
  const { client, me, team, url, locale, tokens } = options;
  const t = messages(locale).mattermost;
  const done: Registration = { created: [], corrected: [], reused: [] };
  try {
    const existing = (await client.getCustomTeamCommands(team.id)).filter((c) => c.delete_at === 0);
    const registered = new Map<string, string>();
    for (const trigger of TRIGGERS) {
      const same = existing.filter((c) => c.trigger === trigger);
      const mine = same.find((c) => c.creator_id === me.id);
      const pointingHere = same.find((c) => c.url === url && c.method === 'P');
      if (mine) {
        if (mine.url !== url || mine.method !== 'P') {
          await client.editCommand({ ...mine, url, method: 'P' });
          done.corrected.push(trigger);
        } else {
          done.reused.push(trigger);
        }
        registered.set(trigger, mine.token);
      } else if (pointingHere) {
        // Made by an administrator for this bot: its token is as good.
        registered.set(trigger, pointingHere.token);
        done.reused.push(trigger);
      } else if (same.length > 0) {
        throw new AccountError('trigger_taken', t.start.triggerTaken(trigger, team.name, url), false);
      } else {
        const words = t.commands[trigger];
        const command: Partial<Command> = {
          team_id: team.id,
          trigger,
          method: 'P',
          url,
          display_name: words.name,
          description: words.description,
          auto_complete: true,
          auto_complete_desc: words.description,
          auto_complete_hint: words.hint,
        };
        const created = await client.addCommand(command as Command);
        registered.set(trigger, created.token);
        done.created.push(trigger);
      }
    }
    // Only once every command is in place do the new tokens replace the old ones.
    tokens.clear();
    for (const [trigger, token] of registered) tokens.set(trigger, token);
  } catch (error) {
    throw refusal(error, team, me, locale);
  }
  options.logger.info({ team: team.name, ...done }, 'mattermost: slash commands registered');
  return done;
}
