export const report = {
  header: { intrapreneur: 'Intrapreneur', project: 'Projet' },
  legend:
    'Jours libérés : nombre déclaré (✗ sous le minimum), C = en congés, ? = sans réponse, · = non demandé, – = exempté ; coaching : ✓ tenu, ✗ manqué ; ! = alerte.',
  leave: 'C',
  unknown: '?',
  notAsked: '·',
  exempt: '–',
  empty: 'Aucun intrapreneur dans ce programme.',
};
