import { describe, expect, it } from 'vitest';
import { createFindingSearch } from '../../../src/knowledge/finding-search.ts';
import { fixtureKb } from '../../helpers.ts';

const search = createFindingSearch(fixtureKb());
const ids = (q: string) => search(q).map((h) => h.id);

describe('finding autocomplete', () => {
  it('finds by the start of a word, in labels, synonyms and lay words', () => {
    expect(ids('head')[0]).toBe('headache');
    expect(ids('tummy')).toContain('abdominal-pain');
    expect(ids('short bre')[0]).toBe('shortness-of-breath');
  });
  it('tolerates a typo and reads Chinese', () => {
    expect(ids('diarhoea')).toContain('diarrhoea');
    expect(ids('发烧')).toEqual(['fever']);
  });
  it('returns nothing for an empty query', () => {
    expect(search('  ')).toEqual([]);
  });
});
