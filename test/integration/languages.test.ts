import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { ROOT } from '../../src/config.ts';
import { loginAgent, testDeps } from '../helpers.ts';

describe('interface languages', async () => {
  const deps = await testDeps();
  const app = createApp(deps);
  const { agent, csrf } = await loginAgent(app, deps, 'clinician');

  it('answers in English by default and in Chinese when the browser asks for it', async () => {
    const en = await request(app).get('/login').expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Sign in');
    const zh = await request(app).get('/login').set('accept-language', 'zh-CN,zh;q=0.9,en;q=0.5').expect(200);
    expect(zh.text).toContain('<html lang="zh-CN">');
    expect(zh.text).toContain('登录');
    expect(zh.text).toContain('仅供辅助决策，不是诊断。');
    expect(zh.headers.vary).toMatch(/Accept-Language/i);
  });

  it('lets the switch on every page override the browser with a cookie, and only goes back to a path on this site', async () => {
    const set = await agent.get('/lang/zh-CN?next=%2Fcases').expect(303);
    expect(set.headers.location).toBe('/cases');
    expect(String(set.headers['set-cookie'])).toMatch(/lang=zh-CN;.*HttpOnly/);
    const page = await agent.get('/').set('accept-language', 'en').expect(200);
    expect(page.text).toContain('<html lang="zh-CN">');
    expect(page.text).toContain('新建评估');
    expect(page.text).toContain('href="/lang/en?next=%2F"');
    // Checklist findings are shown in Chinese where the knowledge base has them.
    expect(page.text).toContain('<span class="pick-label" id="pk-fever">发热</span>');
    expect((await agent.get('/lang/en?next=//evil.example').expect(303)).headers.location).toBe('/');
    await agent.get('/lang/xx').expect(404);
    const back = await agent.get('/').expect(200);
    expect(back.text).toContain('<html lang="en">');
  });

  it('shows the opinion with Chinese labels, triage in words, and form errors in Chinese', async () => {
    await agent.get('/lang/zh-CN').expect(303);
    const post = await agent.post('/assessments').type('form').send({ _csrf: csrf, age: '30', sex: 'male', text: 'productive cough and fever, no chest pain', f: 'shortness-of-breath' }).expect(303);
    const page = await agent.get(post.headers.location).expect(200);
    expect(page.text).toContain('鉴别诊断');
    expect(page.text).toMatch(/分诊： ?<span class="level">(紧急|尽快|常规|居家护理)<\/span>/);
    // Red flags and questions in the knowledge base's own Chinese where it has them.
    const men = await agent.post('/assessments').type('form').send({ _csrf: csrf, age: '30', sex: 'male', text: 'fever and headache' }).expect(303);
    const menPage = await agent.get(men.headers.location).expect(200);
    expect(menPage.text).toContain('脖子是否发硬、不能低头？');
    const flag = await agent.post('/assessments').type('form').send({ _csrf: csrf, age: '30', sex: 'male', text: 'fever and stiff neck' }).expect(303);
    const flagPage = await agent.get(flag.headers.location).expect(200);
    expect(flagPage.text).toContain('发热伴颈项强直');
    expect(flagPage.text).toContain('必须立即排除脑膜炎。');
    expect(flagPage.text).toContain('危险征象：发热伴颈项强直。必须立即排除脑膜炎。');
    const bad = await agent.post('/assessments').type('form').send({ _csrf: csrf, age: 'abc', text: 'cough', hr: '900' }).expect(400);
    expect(bad.text).toContain('年龄：“abc”不是数字');
    expect(bad.text).toContain('心率不能大于 300');
    await agent.get('/lang/en').expect(303);
  });
});

describe('static files', async () => {
  const app = createApp(await testDeps());

  it('are gzipped and cached for a year when asked for by their hash', async () => {
    const page = await request(app).get('/login').expect(200);
    const href = /href="(\/static\/app\.css\?v=[0-9a-f]{12})"/.exec(page.text)![1];
    const css = await request(app).get(href).set('accept-encoding', 'gzip').expect(200);
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.headers['cache-control']).toContain('immutable');
    expect(css.headers['content-type']).toContain('text/css');
    const plain = await request(app).get('/static/app.css').set('accept-encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=3600');
    await request(app).get('/static/app.css').set('if-none-match', css.headers.etag).expect(304);
    await request(app).get('/static/nope.js').expect(404);
  });

  it('gzips the pages too', async () => {
    const res = await request(app).get('/login').set('accept-encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('locale files', () => {
  const read = (f: string) => JSON.parse(readFileSync(path.join(ROOT, 'locales', f), 'utf8')) as Record<string, unknown>;
  const keys = (o: Record<string, unknown>, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [p + k] : keys(v as Record<string, unknown>, `${p}${k}.`)));
  const en = new Set(keys(read('en.json')));

  it('has every English key in Chinese, and nothing else', () => {
    expect(new Set(keys(read('zh-CN.json')))).toEqual(en);
  });

  it('has every key the templates print', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const f of readdirSync(dir, { withFileTypes: true })) {
        if (f.isDirectory()) walk(path.join(dir, f.name));
        else if (f.name.endsWith('.hbs')) for (const m of readFileSync(path.join(dir, f.name), 'utf8').matchAll(/L\.([\w.-]+)/g)) used.add(m[1]);
      }
    };
    walk(path.join(ROOT, 'views'));
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });
});
