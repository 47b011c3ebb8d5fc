// The export of one person's data as a document a person can read: sections in the order of their life in the
// programme, each with a sentence saying what it is, field names spelled out, dates in ISO 8601, internal ids left out.
import type { ChatMessage } from '../core/messages.ts';
import { intrapreneurRoles, type Programme } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { PERSON_TABLES, type PersonData } from '../storage/person-data.ts';

export function personExport(programme: Programme, person: string, data: PersonData, at: Date): object {
  const t = messages(programme.locale).data;
  const entry = programme.people.find((p) => p.id === person);
  const roles = intrapreneurRoles(programme);
  const readable = (message: ChatMessage): ChatMessage =>
    // A dashboard link is a signed credential: the export says it was sent, not how to use it.
    message.kind === 'dashboard_link' ? { ...message, url: t.hiddenLink } : message;
  return {
    about: t.exportAbout,
    exportedAt: at,
    programme: { key: programme.key, name: programme.name, organisation: programme.organisation },
    person,
    records: PERSON_TABLES.reduce((n, table) => n + data[table].length, 0),
    programmeFile: entry
      ? {
          ...entry,
          owner: programme.owners.includes(person),
          intrapreneurOf: roles
            .filter((r) => r.person === person)
            .map(({ project, manager, coach }) => ({
              project,
              manager,
              coach,
            })),
          managerOf: roles
            .filter((r) => r.manager === person)
            .map(({ person: intrapreneur, project }) => ({ intrapreneur, project })),
          coachOf: programme.projects.filter((p) => p.coach === person).map((p) => p.id),
        }
      : null,
    people: data.people.map(({ id, name, active, deactivatedAt }) => ({ id, name, active, deactivatedAt })),
    roles: {
      intrapreneurships: data.intrapreneurs.map(({ person: p, project, manager, active, deactivatedAt }) => ({
        intrapreneur: p,
        project,
        manager,
        active,
        deactivatedAt,
      })),
      coachedProjects: data.projects.map(({ id, name, status, active }) => ({
        project: id,
        name,
        status,
        active,
      })),
    },
    checkins: data.checkins.map((c) => ({
      week: c.week,
      intrapreneur: c.intrapreneur,
      releasedDays: c.releaseKind === 'days' ? c.releasedDays : null,
      leave: c.releaseKind === 'leave',
      coachingHeld: c.coachingHeld,
      comment: c.comment,
      answeredBy: c.answeredBy,
      answeredAt: c.answeredAt,
      updatedAt: c.updatedAt,
    })),
    corrections: data.corrections.map((c) => ({
      week: c.week,
      intrapreneur: c.intrapreneur,
      question: c.field,
      before: c.before,
      after: c.after,
      correctedBy: c.correctedBy,
      correctedAt: c.correctedAt,
      mentionedInDigestOf: c.reportedIn,
    })),
    coachingSessions: data.coachingSessions.map((s) => ({
      date: s.date,
      intrapreneur: s.intrapreneur,
      loggedBy: s.loggedBy,
      durationMinutes: s.durationMinutes,
      notes: s.notes,
      loggedAt: s.loggedAt,
    })),
    alerts: data.alerts.map((a) => ({
      week: a.week,
      kind: a.kind,
      intrapreneur: a.intrapreneur,
      recipients: a.recipients,
      reason: a.reason,
      raisedAt: a.raisedAt,
    })),
    deliveries: data.outbox.map((o) => ({
      key: o.key,
      kind: o.kind,
      week: o.week,
      recipient: o.recipient,
      status: o.status,
      attempts: o.attempts,
      dueAt: o.dueAt,
      sentAt: o.sentAt,
      platform: o.sentPlatform,
      lastError: o.lastError,
      message: readable(o.message),
    })),
    sandboxMessages: data.sandboxMessages.map((m) => ({
      key: m.key,
      recipient: m.recipient,
      shownAt: m.createdAt,
      updatedAt: m.updatedAt,
      message: readable(m.message),
    })),
  };
}
