// Stored JSON: dates come back as dates, whatever else the value holds, and nothing else turns into a date.
import { describe, expect, it } from 'vitest';
import { decodeJson, encodeJson } from '../../src/storage/json.ts';

describe('stored JSON', () => {
  it('brings dates back as dates, at any depth and in arrays', () => {
    const answeredAt = new Date('2026-11-27T13:05:00.000Z');
    const value = {
      kind: 'prompt',
      answer: { answeredAt, updatedAt: new Date(answeredAt.getTime() + 60_000) },
      history: [answeredAt, { at: answeredAt }],
    };
    const back = decodeJson<typeof value>(encodeJson(value));
    expect(back).toStrictEqual(value);
    expect(back.answer.answeredAt).toBeInstanceOf(Date);
    expect(back.history[0]).toBeInstanceOf(Date);
  });

  it('writes a value without dates as plain JSON', () => {
    const alert = {
      kind: 'alert',
      alert: { kind: 'no_answer', recipients: ['claire'], reason: { required: 1 } },
    };
    expect(encodeJson(alert)).toBe(JSON.stringify(alert));
    expect(decodeJson(encodeJson(alert))).toStrictEqual(alert);
  });

  it('leaves strings that look like dates or like the date tag as they were written', () => {
    const value = {
      comment: '2026-11-27T13:05:00.000Z',
      notes: 'le champ "$date" et {"$date": 1}',
      tricky: { $date: 'not a number' },
      pair: { $date: 5, other: true },
    };
    expect(decodeJson(encodeJson(value))).toStrictEqual(value);
    const withDate = { ...value, at: new Date(0) };
    expect(decodeJson(encodeJson(withDate))).toStrictEqual(withDate);
  });
});
