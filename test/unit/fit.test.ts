import { describe, expect, it } from 'vitest';
import { fitList, fitParts, fitText, lineList } from '../../src/render/fit.ts';

const others = (left: number, shown: number) => (shown === 0 ? `${left} personnes` : ` et ${left} autres`);

describe('fitText', () => {
  it('keeps a text that fits as it is', () => {
    expect(fitText('Alice Martin', 12)).toBe('Alice Martin');
  });

  it('cuts at a word boundary near the end, with an ellipsis, within the limit', () => {
    const cut = fitText('revue du POC avec le service des transports', 30);
    expect(cut).toBe('revue du POC avec le service…');
    expect(cut.length).toBeLessThanOrEqual(30);
  });

  it('cuts inside a word when no boundary is near, and never half an emoji', () => {
    expect(fitText('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
    const emoji = fitText(`${'a'.repeat(8)}😀😀`, 10);
    expect(emoji).toBe(`${'a'.repeat(8)}…`);
  });
});

describe('fitList', () => {
  const names = ['Alice Martin', 'Bob Leroy', 'Chloé Roux', 'David Caron'];

  it('lists every item when they fit', () => {
    expect(fitList(names, 100, ', ', others)).toBe('Alice Martin, Bob Leroy, Chloé Roux, David Caron');
  });

  it('lists as many as fit, then how many more, within the limit', () => {
    const fitted = fitList(names, 36, ', ', others);
    expect(fitted).toBe('Alice Martin, Bob Leroy et 2 autres');
    expect(fitted.length).toBeLessThanOrEqual(36);
  });

  it('cuts the first item rather than show none of a single long one', () => {
    const notes = `• 12 novembre 2026 — Alice Martin : ${'revue du POC '.repeat(40)}`;
    const fitted = fitList([notes], 60, '', () => '');
    expect(fitted.startsWith('• 12 novembre 2026 — Alice Martin : revue du POC')).toBe(true);
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitted.length).toBeLessThanOrEqual(60);
  });

  it('says only how many when not even a name fits', () => {
    expect(fitList(names, 14, ', ', others)).toBe('4 personnes');
  });
});

describe('fitParts', () => {
  it('keeps fixed lines whole and shares the room among the lists by need', () => {
    const short = {
      prefix: '• Pas de réponse (2) : ',
      items: ['Alice', 'Bob'],
      separator: ', ',
      more: others,
    };
    const long = {
      prefix: '• Coaching (500) : ',
      items: Array.from({ length: 500 }, (_, i) => `Personne ${i}`),
      separator: ', ',
      more: others,
    };
    const text = fitParts(['Synthèse', short, long, 'Le détail est sur le tableau de bord.'], 600);
    const lines = text.split('\n');
    expect(text.length).toBeLessThanOrEqual(600);
    expect(lines[0]).toBe('Synthèse');
    // The short list is never summarised to make room the long one could not use.
    expect(lines[1]).toBe('• Pas de réponse (2) : Alice, Bob');
    expect(lines[2]).toMatch(/^• Coaching \(500\) : Personne 0, Personne 1, .* et \d+ autres$/);
    expect(lines[3]).toBe('Le détail est sur le tableau de bord.');
  });

  it('summarises a list of lines with a last line of its own', () => {
    const items = Array.from({ length: 100 }, (_, i) => `• message ${i} non remis`);
    const text = fitParts(['En tête', lineList(items, (left) => `• … et ${left} autres`)], 200);
    const lines = text.split('\n');
    expect(text.length).toBeLessThanOrEqual(200);
    expect(lines.at(-1)).toMatch(/^• … et \d+ autres$/);
    expect(Number(/\d+/.exec(lines.at(-1) ?? '')?.[0]) + lines.length - 2).toBe(100);
  });

  it('has no limit unless given one', () => {
    const items = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    expect(fitParts([{ items, separator: ',', more: others }], Number.POSITIVE_INFINITY)).toBe(
      items.join(','),
    );
  });
});
