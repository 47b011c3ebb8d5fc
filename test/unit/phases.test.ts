import { describe, expect, it } from 'vitest';
import { phaseStatus } from '../../src/core/phases.ts';
import type { Phase, Programme, Project } from '../../src/core/programme.ts';

// The five phases of the Hauts-de-France cohort (BRIEF §7).
const phases: Phase[] = [
  { id: 'call', name: 'Appel à intrapreneurs', start: '2026-09-01', end: '2026-09-30' },
  { id: 'selection', name: 'Sélection des projets', start: '2026-10-01', end: '2026-10-15' },
  { id: 'pre_incubation', name: 'Pré-incubation', start: '2026-10-16', end: '2027-02-28' },
  {
    id: 'poc_committee',
    name: 'Présentation des POC au comité stratégique',
    start: '2027-03-01',
    end: '2027-03-15',
  },
  { id: 'incubation_selection', name: "Sélection pour l'incubation", start: '2027-03-16', end: '2027-03-31' },
];

const projects: Project[] = [
  {
    id: 'covoiturage',
    name: 'Covoiturage des agents',
    coach: 'bob',
    status: 'pre_incubation',
    intrapreneurs: [{ person: 'alice', manager: 'marc' }],
  },
];

const programme: Pick<Programme, 'phases' | 'projects'> = { phases, projects };

function states(today: string): Record<string, string> {
  return Object.fromEntries(phaseStatus(programme, today).phases.map((p) => [p.phase.id, p.state]));
}

describe('phaseStatus', () => {
  it('before the first phase: everything upcoming, the call opens in 17 days', () => {
    const status = phaseStatus(programme, '2026-08-15');
    expect(status.current).toBeUndefined();
    expect(status.next).toEqual({ phase: phases[0], inDays: 17 });
    expect(status.finished).toBe(false);
    expect(states('2026-08-15')).toEqual({
      call: 'upcoming',
      selection: 'upcoming',
      pre_incubation: 'upcoming',
      poc_committee: 'upcoming',
      incubation_selection: 'upcoming',
    });
  });

  it.each([
    ['2026-09-10', 'call', 'selection', 21],
    ['2026-10-05', 'selection', 'pre_incubation', 11],
    ['2026-11-29', 'pre_incubation', 'poc_committee', 92],
    ['2027-03-10', 'poc_committee', 'incubation_selection', 6],
  ])('on %s the current phase is %s and %s starts in %i days', (today, current, next, inDays) => {
    const status = phaseStatus(programme, today);
    expect(status.today).toBe(today);
    expect(status.current?.id).toBe(current);
    expect(status.next?.phase.id).toBe(next);
    expect(status.next?.inDays).toBe(inDays);
    expect(status.finished).toBe(false);
  });

  it('on 2026-11-29 (pre-incubation) the phases before are past and those after upcoming', () => {
    expect(states('2026-11-29')).toEqual({
      call: 'past',
      selection: 'past',
      pre_incubation: 'current',
      poc_committee: 'upcoming',
      incubation_selection: 'upcoming',
    });
    expect(phaseStatus(programme, '2026-11-29').next).toEqual({
      phase: {
        id: 'poc_committee',
        name: 'Présentation des POC au comité stratégique',
        start: '2027-03-01',
        end: '2027-03-15',
      },
      inDays: 92,
    });
  });

  it('in the last phase there is no next phase, and the programme is not finished yet', () => {
    const status = phaseStatus(programme, '2027-03-20');
    expect(status.current?.id).toBe('incubation_selection');
    expect(status.next).toBeUndefined();
    expect(status.finished).toBe(false);
  });

  it('a phase is current on its first and its last day', () => {
    expect(phaseStatus(programme, '2026-10-16').current?.id).toBe('pre_incubation');
    expect(phaseStatus(programme, '2027-02-28').current?.id).toBe('pre_incubation');
    expect(phaseStatus(programme, '2027-02-28').next).toEqual({ phase: phases[3], inDays: 1 });
    expect(phaseStatus(programme, '2027-03-31').current?.id).toBe('incubation_selection');
    expect(phaseStatus(programme, '2027-03-31').finished).toBe(false);
  });

  it('after the last phase: everything past, no current, no next, finished', () => {
    const status = phaseStatus(programme, '2027-04-01');
    expect(status.current).toBeUndefined();
    expect(status.next).toBeUndefined();
    expect(status.finished).toBe(true);
    expect(Object.values(states('2027-04-01'))).toEqual(['past', 'past', 'past', 'past', 'past']);
  });

  it('in a gap between two phases: no current phase, the next one with its days to go', () => {
    const withGap: Pick<Programme, 'phases' | 'projects'> = {
      projects,
      phases: phases.map((p) => (p.id === 'selection' ? { ...p, end: '2026-10-09' } : p)),
    };
    const status = phaseStatus(withGap, '2026-10-12');
    expect(status.current).toBeUndefined();
    expect(status.next?.phase.id).toBe('pre_incubation');
    expect(status.next?.inDays).toBe(4);
    expect(status.finished).toBe(false);
    expect(status.phases.map((p) => p.state)).toEqual(['past', 'past', 'upcoming', 'upcoming', 'upcoming']);
  });

  it('counts days across the change of year', () => {
    const status = phaseStatus(programme, '2026-12-31');
    expect(status.next).toEqual({ phase: phases[3], inDays: 60 });
  });

  it('hands the projects back as the programme file sets them', () => {
    expect(phaseStatus(programme, '2026-11-29').projects).toEqual([
      {
        id: 'covoiturage',
        name: 'Covoiturage des agents',
        coach: 'bob',
        status: 'pre_incubation',
        intrapreneurs: [{ person: 'alice', manager: 'marc' }],
      },
    ]);
  });

  it('a programme with no phases is neither current nor finished', () => {
    const status = phaseStatus({ phases: [], projects: [] }, '2026-11-29');
    expect(status).toEqual({ today: '2026-11-29', phases: [], finished: false, projects: [] });
  });
});
