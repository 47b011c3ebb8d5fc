// « de » before a name, as French writes it: « le coach d’Alice », « d’Élodie », « d’Hélène », but « de Marc » and
// « de Yasmine » (a y before a vowel is a consonant). First names with an h are taken as mute (Hélène, Hugo, Henri).

const VOWEL = /^[aeiouyœæ]/;

function initial(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().slice(0, 2);
}

function elides(name: string): boolean {
  const [first = '', second = ''] = initial(name);
  if (first === 'y') return !VOWEL.test(second);
  if (first === 'h') return VOWEL.test(second);
  return VOWEL.test(first);
}

/** « d’Alice », « de Marc » */
export function de(name: string): string {
  return elides(name) ? `d’${name}` : `de ${name}`;
}
