// One programme's chat port in a deployment that serves several. The platforms keep the key of each message with it
// (Slack metadata, a Mattermost prop, the Message-ID) to find it again after a send whose outcome is unknown; the same
// person may be an intrapreneur in two programmes, whose `prompt:alice:2026-W48` must not be taken one for the other.
// So the key the platform keeps names the programme. A message sent before the deployment served several programmes
// kept the bare key: it is still found, for the programme whose outbox holds it (then the only one there was).
import type { ChatPort, Delivery, Recipient, SentMessage } from '../core/ports.ts';
import type { Programme } from '../core/programme.ts';

/** The key a platform keeps for a programme's message. */
export function programmeScopedKey(programme: string, key: string): string {
  return `${programme}/${key}`;
}

/** The programme and the key of a kept key; no programme for a key kept by a single-programme deployment. */
export function unscopedKey(kept: string): { programme?: string; key: string } {
  const slash = kept.indexOf('/');
  return slash < 0 ? { key: kept } : { programme: kept.slice(0, slash), key: kept.slice(slash + 1) };
}

export function programmeChat(chat: ChatPort, programme: Programme): ChatPort {
  const scoped = (key: string) => programmeScopedKey(programme.key, key);
  return {
    platform: chat.platform,
    ...(chat.concurrency !== undefined ? { concurrency: chat.concurrency } : {}),
    send: (delivery: Delivery): Promise<SentMessage> => chat.send({ ...delivery, key: scoped(delivery.key) }),
    findSent: async (to: Recipient, key: string): Promise<SentMessage | null> =>
      (await chat.findSent(to, scoped(key))) ?? (await chat.findSent(to, key)),
  };
}
