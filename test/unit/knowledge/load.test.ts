import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../../src/errors.ts';
import { loadKnowledge } from '../../../src/knowledge/load.ts';
import { FIXTURE_KB, tempDir } from '../../helpers.ts';

function brokenCopy(edit: (dir: string) => void): string {
  const dir = tempDir('kb-');
  cpSync(FIXTURE_KB, dir, { recursive: true });
  edit(dir);
  return dir;
}

function problemsOf(dir: string): string[] {
  try { loadKnowledge(dir); } catch (e) { if (e instanceof KnowledgeError) return e.problems; throw e; }
  return [];
}

describe('knowledge loader', () => {
  it('loads, indexes ancestors and freezes the fixture knowledge base', () => {
    const kb = loadKnowledge(FIXTURE_KB);
    expect(kb.conditions.size).toBe(5);
    expect(kb.ancestors.get('cough-productive')).toEqual(['cough']);
    expect(Object.isFrozen(kb.conditionList[0])).toBe(true);
  });

  it('reports every problem at once: unknown finding, duplicate synonym, bad ICD-10 code, bad shape', () => {
    const dir = brokenCopy((d) => {
      const file = path.join(d, 'conditions/respiratory/pneumonia.json');
      const c = JSON.parse(readFileSync(file, 'utf8'));
      c.findings.push({ id: 'no-such-finding', p: 0.5 });
      c.icd10 = ['J99.999'];
      writeFileSync(file, JSON.stringify(c));
      const ff = path.join(d, 'findings/core.json');
      const fs = JSON.parse(readFileSync(ff, 'utf8'));
      fs[2].synonyms.push('pyrexia');
      fs[3].background = 7;
      writeFileSync(ff, JSON.stringify(fs));
    });
    const problems = problemsOf(dir);
    expect(problems.some((p) => p.includes('unknown finding no-such-finding'))).toBe(true);
    expect(problems.some((p) => p.includes('"pyrexia" is claimed by findings fever and cough'))).toBe(true);
    expect(problems.some((p) => p.includes('J99.999'))).toBe(true);
    expect(problems.some((p) => p.includes('background'))).toBe(true);
  });

  it('refuses a condition whose file name differs from its id', () => {
    const dir = brokenCopy((d) => {
      const file = path.join(d, 'conditions/respiratory/common-cold.json');
      writeFileSync(path.join(d, 'conditions/respiratory/cold.json'), readFileSync(file));
    });
    expect(problemsOf(dir).some((p) => p.includes('file name must be the condition id'))).toBe(true);
  });
});
